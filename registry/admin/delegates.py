"""The delegate admin: a changelist that stays fast at a million delegates (capped counts,
orders an index serves, a search read through indexes), a form with the delegate's nomination
and consent records, and contact details only for those who may see them.

Its bulk actions are :mod:`registry.admin.delegate_actions`; the import wizard and the printed
pages are its own URLs, kept in :mod:`registry.admin.delegate_import` and
:mod:`registry.admin.printing`."""

from django.contrib import admin
from django.contrib.admin import helpers
from django.urls import path
from django.utils.html import format_html
from django.utils.text import smart_split, unescape_string_literal
from django.utils.translation import gettext_lazy as _

from registry import pagination, search
from registry.admin.attendance import AttendanceFilter
from registry.admin.base import (
    GuardedActionsMixin,
    LargeChangelist,
    LocalizedNameFilter,
    OpenEditionForm,
    RoleInline,
    WideChangelist,
)
from registry.admin.delegate_actions import DelegateActionForm, DelegateActionsMixin
from registry.admin.delegate_import import DelegateImportMixin
from registry.admin.delegations import ConsentInline
from registry.admin.editions import EditionFilter, edition_filter
from registry.admin.history import record_correction
from registry.admin.printing import DelegatePrintMixin
from registry.exports import (
    DELEGATE_COLUMNS,
    delegates_csv_response,
    export_filename,
    record_contact_export,
)
from registry.models import (
    CONTACT_PERMISSION,
    Delegate,
    ExportKind,
    NominationEvent,
    Seminar,
)


class DelegateRoleInline(RoleInline):
    autocomplete_fields = ["session"]
    verbose_name = _("role in a session")


@admin.register(Delegate)
class DelegateAdmin(
    WideChangelist,
    GuardedActionsMixin,
    DelegateActionsMixin,
    DelegateImportMixin,
    DelegatePrintMixin,
    LargeChangelist,
    admin.ModelAdmin,
):
    # The edition is the first filter, shown once; at 1280 px the columns fit beside it.
    list_display = [
        "full_name",
        "organization_short",
        "country_short",
        "category",
        "breakout_group",
        "listed_short",
    ]
    list_filter = [
        EditionFilter,
        "listed",
        "nomination_status",
        "category",
        "breakout_group",
        "country__region",
        ("country", LocalizedNameFilter),
        AttendanceFilter,
    ]
    list_select_related = ["organization", "country", "seminar"]
    # Each has an index on (column, id); the related columns are filters instead.
    sortable_by = ["full_name", "category", "breakout_group", "listed_short"]
    search_fields = ["full_name", "family_name", "given_name", "position", "organization__name"]
    autocomplete_fields = ["seminar", "organization", "country", "delegation"]
    readonly_fields = ["consented", "listed", "created_at", "updated_at"]
    inlines = [DelegateRoleInline, ConsentInline]
    action_form = DelegateActionForm
    form = OpenEditionForm
    actions = [
        "record_consent_given",
        "record_consent_withdrawn",
        "approve",
        "decline",
        "send_own_links",
        "reissue_badge_codes",
        "set_breakout_group",
        "export_csv",
    ]
    fieldsets = [
        (None, {"fields": ["seminar", "full_name", "family_name", "given_name", "honorific"]}),
        (_("Affiliation"), {"fields": ["position", "organization", "country", "category"]}),
        (
            _("Nomination"),
            {
                "fields": [
                    "delegation",
                    "heads_delegation",
                    "nomination_status",
                    "declined_reason",
                ]
            },
        ),
        (_("At the seminar"), {"fields": ["breakout_group", "consented", "listed"]}),
        (_("Contact (never shown publicly)"), {"fields": ["email", "phone", "language"]}),
        (
            _("Record"),
            {"classes": ["collapse"], "fields": ["slug", "sort_name", "created_at", "updated_at"]},
        ),
    ]

    def get_urls(self):
        def view(function, route, name):
            return path(
                route, self.admin_site.admin_view(function), name=f"registry_delegate_{name}"
            )

        return [
            view(self.import_view, "import/", "import"),
            view(self.import_done_view, "import/done/", "import_done"),
            view(self.import_template, "import/template.csv", "import_template"),
            view(self.import_template_workbook, "import/template.xlsx", "import_template_workbook"),
            view(self.badges_view, "badges/", "badges"),
            view(self.participants_view, "participants/", "participants"),
            view(self.certificates_view, "certificates/", "certificates"),
            *super().get_urls(),
        ]

    @admin.display(description=_("organization"))
    def organization_short(self, delegate):
        """The organization's acronym, its name on hover: a ministry's full name takes
        three lines of a 1280 px changelist."""
        organization = delegate.organization
        if organization is None:
            return self.get_empty_value_display()
        if not organization.acronym:
            return organization.name
        return format_html('<abbr title="{}">{}</abbr>', organization.name, organization.acronym)

    @admin.display(description=_("country or region"))
    def country_short(self, delegate):
        return delegate.country.display_name if delegate.country else None

    @admin.display(description=_("Listed"), boolean=True, ordering="listed")
    def listed_short(self, delegate):
        return delegate.listed

    def save_model(self, request, obj, form, change):
        """Organizers may go past a delegation's quota, and correct a delegate: the
        delegation's history says so."""
        before = Delegate.objects.get(pk=obj.pk) if change else None
        super().save_model(request, obj, form, change)
        if change:
            record_correction(request, before, obj, form, delegation=obj.delegation, delegate=obj)
        if {"delegation", "nomination_status"} & set(form.changed_data):
            NominationEvent.objects.record_over_quota(
                Delegate.objects.filter(pk=obj.pk), request.user.get_username()
            )

    def get_inlines(self, request, obj):
        # A new delegate has no consent records yet.
        return self.inlines if obj else [DelegateRoleInline]

    def has_view_contacts_permission(self, request):
        return request.user.has_perm(CONTACT_PERMISSION)

    def get_fieldsets(self, request, obj=None):
        if self.has_view_contacts_permission(request):
            return self.fieldsets
        return [fieldset for fieldset in self.fieldsets if "email" not in fieldset[1]["fields"]]

    def get_search_fields(self, request):
        if self.has_view_contacts_permission(request):
            return [*self.search_fields, "email"]
        return self.search_fields

    def get_search_results(self, request, queryset, search_term):
        """Delegates with every word in their name, position or organization (and e-mail,
        for those who may see contacts), as Django's search, read through indexes: the
        delegate search of ``registry/search.py``, with the admin's own words (a quoted
        phrase is one word) and columns. ``sort_name`` ("Family, Given") stands for the
        family and given names. Past the count cap, the changelist pages through that many
        matches, and says so."""
        if not search_term:
            return queryset, False
        columns = ["full_name", "sort_name", "position"]
        if self.has_view_contacts_permission(request):
            columns.append("email")
        words = [
            unescape_string_literal(word)
            if word.startswith(('"', "'")) and word[0] == word[-1]
            else word
            for word in smart_split(search_term)
        ]
        matches = search.delegates_matching(queryset, words, columns)
        # The matches are read through the search indexes, at most one more than the cap,
        # and only those rows are then sorted. Left to itself, PostgreSQL may walk the whole
        # name index instead, hoping to meet the first matches soon; a word common among
        # names late in the alphabet (26,000 "Tanaka" in a million) then reads 800,000 rows.
        found = matches.order_by().values_list("pk", flat=True)[: pagination.count_cap() + 1]
        # Read once, and joined back as a set of ids: searched again for the count and for
        # the page, a word in every row (an e-mail domain) takes 0.4 s each on SQLite at a
        # million delegates.
        return search.by_ids(queryset, found), False

    def changelist_view(self, request, extra_context=None):
        extra_context = {
            "has_import_permission": self.has_import_permission(request),
            "has_view_contacts_permission": self.has_view_contacts_permission(request),
            # Certificates are issued as they print (Django's changelist does not say this).
            "has_change_permission": self.has_change_permission(request),
            **(extra_context or {}),
        }
        response = super().changelist_view(request, extra_context)
        changelist = getattr(response, "context_data", {}).get("cl")
        if changelist is not None:
            # The edition shown, once, under the page's title.
            response.context_data["subtitle"] = edition_filter(changelist).label
        action_form = getattr(response, "context_data", {}).get("action_form")
        if action_form and "set_breakout_group" not in self.get_actions(request):
            # Those who may not run the actions (the registration desk) get no control for
            # them.
            for name in ["breakout_group", "consent_note", "declined_reason"]:
                del action_form.fields[name]
        return response

    @admin.action(
        description=_("Export selected delegates as CSV (with contacts)"),
        permissions=["view_contacts"],
    )
    def export_csv(self, request, queryset):
        seminars = list(queryset.order_by().values_list("seminar", flat=True).distinct()[:2])
        seminar = Seminar.objects.get(pk=seminars[0]) if len(seminars) == 1 else None
        selected = request.POST.getlist(helpers.ACTION_CHECKBOX_NAME)
        record = record_contact_export(
            request.user,
            ExportKind.ADMIN_ACTION,
            seminar,
            f"{len(selected)} selected delegates" if selected else "all delegates",
            DELEGATE_COLUMNS,
        )
        return delegates_csv_response(
            queryset.order_by(*Delegate._meta.ordering),
            DELEGATE_COLUMNS,
            export_filename(seminar.number if seminar else None),
            record,
        )
