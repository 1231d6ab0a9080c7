"""The delegate admin: a changelist that stays fast at a million delegates (capped counts,
orders an index serves, a search read through indexes), bulk actions written in a fixed number
of statements and kept in each changed delegate's History, and contact details only for those
who may see them.

The import wizard and the printed pages are its own URLs, kept in
:mod:`registry.admin.delegate_import` and :mod:`registry.admin.printing`."""

from django import forms
from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.contrib.admin.models import CHANGE, LogEntry
from django.db import transaction
from django.db.models.fields import BLANK_CHOICE_DASH
from django.urls import path
from django.utils.html import format_html
from django.utils.text import smart_split, unescape_string_literal
from django.utils.translation import gettext, gettext_noop, ngettext
from django.utils.translation import gettext_lazy as _

from registry import pagination, search
from registry.admin.base import LargeChangelist, RoleInline
from registry.admin.delegate_import import DelegateImportMixin
from registry.admin.editions import EditionFilter, edition_filter
from registry.admin.printing import DelegatePrintMixin
from registry.exports import (
    DELEGATE_COLUMNS,
    delegates_csv_response,
    export_filename,
    record_contact_export,
)
from registry.models import (
    CONTACT_PERMISSION,
    BreakoutGroup,
    Delegate,
    ExportKind,
    Revision,
    Seminar,
)


class DelegateRoleInline(RoleInline):
    autocomplete_fields = ["session"]
    verbose_name = _("role in a session")


# How a bulk change names each field in a delegate's History: as a change through the
# delegate's form does (its label, untranslated), so the History page translates it.
HISTORY_LABELS = {
    "listed": gettext_noop("Listed publicly"),
    "breakout_group": gettext_noop("Breakout group"),
}


class DelegateActionForm(helpers.ActionForm):
    """The changelist's action bar, with the group the breakout action sets. It starts
    empty: a preselected group would be set by anyone who ran the action without looking."""

    breakout_group = forms.ChoiceField(
        label=_("Breakout group"),
        choices=[*BLANK_CHOICE_DASH, *BreakoutGroup.choices],
        required=False,
    )


@admin.register(Delegate)
class DelegateAdmin(DelegateImportMixin, DelegatePrintMixin, LargeChangelist, admin.ModelAdmin):
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
        "category",
        "breakout_group",
        "country__region",
        "country",
    ]
    list_select_related = ["organization", "country", "seminar"]
    # Each has an index on (column, id); the related columns are filters instead.
    sortable_by = ["full_name", "category", "breakout_group", "listed_short"]
    search_fields = ["full_name", "family_name", "given_name", "position", "organization__name"]
    autocomplete_fields = ["seminar", "organization", "country"]
    readonly_fields = ["created_at", "updated_at"]
    inlines = [DelegateRoleInline]
    action_form = DelegateActionForm
    actions = ["mark_listed", "mark_unlisted", "set_breakout_group", "export_csv"]
    fieldsets = [
        (None, {"fields": ["seminar", "full_name", "family_name", "given_name", "honorific"]}),
        (_("Affiliation"), {"fields": ["position", "organization", "country", "category"]}),
        (_("At the seminar"), {"fields": ["breakout_group", "listed"]}),
        (_("Contact (never shown publicly)"), {"fields": ["email", "phone"]}),
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
            view(self.badges_view, "badges/", "badges"),
            view(self.participants_view, "participants/", "participants"),
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
            # The columns need the page's whole width at 1280 px.
            "is_nav_sidebar_enabled": False,
            **(extra_context or {}),
        }
        response = super().changelist_view(request, extra_context)
        changelist = getattr(response, "context_data", {}).get("cl")
        if changelist is not None:
            # The edition shown, once, under the page's title.
            response.context_data["subtitle"] = edition_filter(changelist).label
        action_form = getattr(response, "context_data", {}).get("action_form")
        if action_form and "set_breakout_group" not in self.get_actions(request):
            # Those who may not run the action (the registration desk) get no control for it.
            del action_form.fields["breakout_group"]
        return response

    # Bulk actions: a fixed number of queries each, whatever the number of delegates selected,
    # an entry in each changed delegate's History, and a new revision of the public data (the
    # public pages show the change at once).

    @staticmethod
    def update_selected(request, queryset, **values):
        """Write ``values`` to the selected delegates that do not have them yet, and return how
        many changed. Each of those gets a History entry naming the user and the fields, as a
        change through its form would; update() sends no signal, so the public data's new
        revision is recorded here too."""
        changing = queryset.exclude(**values)
        with transaction.atomic():
            changed = list(changing.select_related(None).order_by().only("pk", "full_name"))
            if not changed:
                return 0
            count = changing.update(**values)
            LogEntry.objects.log_actions(
                request.user.pk,
                changed,
                CHANGE,
                change_message=[{"changed": {"fields": [HISTORY_LABELS[f] for f in values]}}],
            )
            Revision.objects.record_change()
        return count

    @admin.action(
        description=_("Mark selected delegates as listed publicly"), permissions=["change"]
    )
    def mark_listed(self, request, queryset):
        count = self.update_selected(request, queryset, listed=True)
        message = ngettext(
            "%(count)s delegate is now listed publicly.",
            "%(count)s delegates are now listed publicly.",
            count,
        )
        self.message_user(request, message % {"count": count}, messages.SUCCESS)

    @admin.action(description=_("Mark selected delegates as not listed"), permissions=["change"])
    def mark_unlisted(self, request, queryset):
        count = self.update_selected(request, queryset, listed=False)
        message = ngettext(
            "%(count)s delegate is no longer listed.",
            "%(count)s delegates are no longer listed.",
            count,
        )
        self.message_user(request, message % {"count": count}, messages.SUCCESS)

    @admin.action(
        description=_("Set the breakout group of selected delegates"), permissions=["change"]
    )
    def set_breakout_group(self, request, queryset):
        group = request.POST.get("breakout_group", "")
        if group not in BreakoutGroup.values:
            self.message_user(
                request,
                gettext("Choose the breakout group to set, next to the action."),
                messages.ERROR,
            )
            return
        count = self.update_selected(request, queryset, breakout_group=group)
        message = ngettext(
            "%(count)s delegate is now in the group “%(group)s”.",
            "%(count)s delegates are now in the group “%(group)s”.",
            count,
        )
        self.message_user(
            request,
            message % {"count": count, "group": BreakoutGroup(group).label},
            messages.SUCCESS,
        )

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
