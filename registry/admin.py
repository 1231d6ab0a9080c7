"""The organizers' admin: every model, with the searches, filters and inlines they work with."""

import base64
import hashlib

from django import forms
from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.admin.views.main import ChangeList
from django.contrib.admin.widgets import AutocompleteSelect
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.db.models import Count
from django.http import HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path
from django.utils.text import smart_split, unescape_string_literal
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from registry import pagination, queries, search
from registry.exports import (
    DELEGATE_COLUMNS,
    csv_lines,
    delegates_csv_response,
    export_filename,
    record_contact_export,
)
from registry.filters import DelegateFilter
from registry.forms import DelegateImportForm
from registry.imports import (
    HEADER_ALIASES,
    MAX_BYTES,
    MAX_ROWS,
    ImportFileError,
    apply_plan,
    fold,
    format_report,
    localized_headers,
    read_delegates,
    read_upload,
)
from registry.models import (
    CONTACT_PERMISSION,
    BreakoutGroup,
    Country,
    Delegate,
    ExportKind,
    ExportRecord,
    Organization,
    Regime,
    Revision,
    Seminar,
    Session,
    SessionRole,
    Topic,
)

IMPORT_SESSION_KEY = "delegate_import"
BADGES_PER_SHEET = 8  # two columns of four on an A4 sheet


def other_headers(key, field):
    """The headers besides ``key`` that the import reads into ``field``: the aliases, then
    the export's localised headers, each once."""
    seen, headers = {fold(key)}, []
    for header in [*HEADER_ALIASES[field], *localized_headers(field)]:
        if fold(header) not in seen:
            seen.add(fold(header))
            headers.append(header)
    return headers


class LargeChangelist:
    """A changelist that stays fast at a million rows: it counts no further than
    ``queries.COUNT_CAP`` matches (the page then says "more than 10,000"), never counts the
    unfiltered table beside the filtered one, and offers no facet counts (one count per
    filter choice over the whole table)."""

    paginator = queries.CappedPaginator
    show_full_result_count = False
    show_facets = admin.ShowFacets.NEVER

    def get_changelist(self, request, **kwargs):
        return IndexedChangeList


class IndexedChangeList(ChangeList):
    """A changelist whose every order can be read from an index on (column, id).

    Django breaks ties with "-pk" whatever the column's direction; ordered by (column, id) in
    one direction, one index serves a column both ways (read backwards). Columns left out of
    ``sortable_by`` are not sorted on even when the address asks for it: sorting a million
    rows by a joined table's column cannot use an index."""

    def get_ordering_field(self, field_name):
        if field_name not in self.sortable_by:
            return None
        return super().get_ordering_field(field_name)

    def get_ordering(self, request, queryset):
        ordering = super().get_ordering(request, queryset)
        if len(ordering) > 1 and ordering[-1] == "-pk" and isinstance(ordering[-2], str):
            ordering[-1] = "-pk" if ordering[-2].startswith("-") else "pk"
        return ordering


@admin.register(Country)
class CountryAdmin(admin.ModelAdmin):
    list_display = ["name", "name_ja", "iso_code", "region", "sort_name"]
    list_filter = ["region"]
    search_fields = ["name", "name_ja", "iso_code", "sort_name"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Organization)
class OrganizationAdmin(LargeChangelist, admin.ModelAdmin):
    list_display = ["name", "acronym", "kind", "country", "parent"]
    list_filter = ["kind", "country__region"]
    list_select_related = ["country", "parent"]
    search_fields = ["name", "acronym"]
    autocomplete_fields = ["country", "parent"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Regime)
class RegimeAdmin(admin.ModelAdmin):
    list_display = ["acronym", "name", "member_count"]
    search_fields = ["acronym", "name"]
    autocomplete_fields = ["members"]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(member_count=Count("members"))

    @admin.display(description=_("members"), ordering="member_count")
    def member_count(self, regime):
        return regime.member_count


@admin.register(Topic)
class TopicAdmin(admin.ModelAdmin):
    list_display = ["name", "slug"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Seminar)
class SeminarAdmin(admin.ModelAdmin):
    list_display = ["number", "title", "start_date", "end_date", "city", "organizer", "synthetic"]
    list_filter = ["synthetic"]
    list_select_related = ["organizer"]
    search_fields = ["title", "city", "venue"]
    autocomplete_fields = [
        "organizer",
        "co_organizers",
        "participating_countries",
        "participating_organizations",
        "participating_regimes",
    ]
    date_hierarchy = "start_date"
    fieldsets = [
        (None, {"fields": ["number", "title", "start_date", "end_date", "city", "venue"]}),
        (_("Organizers"), {"fields": ["organizer", "co_organizers"]}),
        (
            _("Participation, as the report lists it"),
            {
                "fields": [
                    "participating_countries",
                    "participating_organizations",
                    "participating_regimes",
                ]
            },
        ),
        (
            _("Source"),
            {
                "fields": [
                    "reported_participants",
                    "reported_countries",
                    "source_title",
                    "source_released",
                    "synthetic",
                ]
            },
        ),
    ]


class RowAutocompleteSelect(AutocompleteSelect):
    """An autocomplete that labels its current choice from the row's own related object
    (joined by the inline's queryset) instead of a query per row."""

    current = None

    def optgroups(self, name, value, attr=None):
        chosen = [str(v) for v in value if str(v) not in self.choices.field.empty_values]
        if self.current is None or chosen != [str(self.current.pk)]:
            return super().optgroups(name, value, attr)
        options = [] if self.is_required else [self.create_option(name, "", "", False, 0)]
        options.append(
            self.create_option(name, self.current.pk, str(self.current), set(chosen), len(options))
        )
        return [(None, options, 0)]


class RowAutocompleteForm(forms.ModelForm):
    """Hands each row's related objects to its autocomplete widgets."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk is None:
            return
        for name, field in self.fields.items():
            widget = getattr(field.widget, "widget", field.widget)
            if isinstance(widget, RowAutocompleteSelect):
                widget.current = getattr(self.instance, name)


class RoleInline(admin.TabularInline):
    """Roles in sessions, shown on a session or on a delegate, in a fixed number of queries."""

    model = SessionRole
    form = RowAutocompleteForm
    extra = 0

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("session", "delegate")

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name in self.autocomplete_fields:
            kwargs["widget"] = RowAutocompleteSelect(db_field, self.admin_site)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


class SessionRoleInline(RoleInline):
    autocomplete_fields = ["delegate"]


@admin.register(Session)
class SessionAdmin(admin.ModelAdmin):
    list_display = ["title", "seminar", "position", "kind", "date", "start_time", "breakout_group"]
    list_display_links = ["title"]
    list_filter = ["seminar", "kind", "breakout_group", "regimes", "topics"]
    list_select_related = ["seminar"]
    search_fields = ["title", "description"]
    autocomplete_fields = ["seminar", "regimes", "topics"]
    prepopulated_fields = {"slug": ["title"]}
    inlines = [SessionRoleInline]


class DelegateRoleInline(RoleInline):
    autocomplete_fields = ["session"]
    verbose_name = _("role in a session")


class DelegateActionForm(helpers.ActionForm):
    """The changelist's action bar, with the group the breakout action sets."""

    breakout_group = forms.ChoiceField(
        label=_("Breakout group"), choices=BreakoutGroup.choices, required=False
    )


@admin.register(Delegate)
class DelegateAdmin(LargeChangelist, admin.ModelAdmin):
    list_display = [
        "full_name",
        "organization",
        "country",
        "seminar",
        "category",
        "breakout_group",
        "listed",
    ]
    list_filter = ["seminar", "listed", "category", "breakout_group", "country__region", "country"]
    list_select_related = ["organization", "country", "seminar"]
    # Each has an index on (column, id); the related columns are filters instead.
    sortable_by = ["full_name", "category", "breakout_group", "listed"]
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
            view(self.import_template, "import/template.csv", "import_template"),
            view(self.badges_view, "badges/", "badges"),
            view(self.participants_view, "participants/", "participants"),
            *super().get_urls(),
        ]

    def has_view_contacts_permission(self, request):
        return request.user.has_perm(CONTACT_PERMISSION)

    def has_import_permission(self, request):
        return self.has_add_permission(request) and self.has_change_permission(request)

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
            **(extra_context or {}),
        }
        return super().changelist_view(request, extra_context)

    # Bulk actions: one UPDATE each, whatever the number of delegates selected, and a new
    # revision of the public data (the public pages show the change at once).

    @staticmethod
    def update_selected(queryset, **values):
        """Write ``values`` to the selected delegates; update() sends no signal, so the public
        data's new revision is recorded here."""
        count = queryset.update(**values)
        Revision.objects.record_change()
        return count

    @admin.action(
        description=_("Mark selected delegates as listed publicly"), permissions=["change"]
    )
    def mark_listed(self, request, queryset):
        count = self.update_selected(queryset, listed=True)
        message = ngettext(
            "%(count)s delegate is now listed publicly.",
            "%(count)s delegates are now listed publicly.",
            count,
        )
        self.message_user(request, message % {"count": count}, messages.SUCCESS)

    @admin.action(description=_("Mark selected delegates as not listed"), permissions=["change"])
    def mark_unlisted(self, request, queryset):
        count = self.update_selected(queryset, listed=False)
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
        count = self.update_selected(queryset, breakout_group=group)
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

    # Import: upload, preview every row (nothing written), then confirm (all rows or none).

    def page_context(self, request, title, **extra):
        return {**self.admin_site.each_context(request), "opts": self.opts, "title": title, **extra}

    def import_view(self, request):
        if not self.has_import_permission(request):
            raise PermissionDenied
        if request.method == "POST" and "confirm" in request.POST:
            return self.confirm_import(request)
        if request.method == "GET":
            # A fresh start: a file that waited for confirmation (contacts included) goes.
            request.session.pop(IMPORT_SESSION_KEY, None)
        form = DelegateImportForm(request.POST or None, request.FILES or None)
        if request.method == "POST" and form.is_valid():
            seminar = form.cleaned_data["seminar"]
            upload = form.cleaned_data["file"]
            create = form.cleaned_data["create_organizations"]
            try:
                data = read_upload(upload)
                plan = read_delegates(data, seminar, create_organizations=create)
            except ImportFileError as error:
                form.add_error("file", str(error))
            else:
                pending = {
                    "name": upload.name,
                    "data": base64.b64encode(data).decode("ascii"),
                    "seminar": seminar.pk,
                    "create_organizations": create,
                    "digest": hashlib.sha256(data).hexdigest(),
                }
                request.session[IMPORT_SESSION_KEY] = pending
                return self.import_preview(request, plan, pending)
        return TemplateResponse(
            request,
            "admin/registry/delegate/import.html",
            self.page_context(
                request,
                gettext("Import delegates"),
                form=form,
                header_aliases=[
                    (column.key, other_headers(column.key, field))
                    for column, field in zip(DELEGATE_COLUMNS, HEADER_ALIASES, strict=True)
                ],
                max_megabytes=MAX_BYTES // (1024 * 1024),
                max_rows=MAX_ROWS,
            ),
        )

    def import_preview(self, request, plan, pending):
        return TemplateResponse(
            request,
            "admin/registry/delegate/import_preview.html",
            self.page_context(
                request,
                gettext("Check the import"),
                plan=plan,
                pending=pending,
                report=format_report(plan),
            ),
        )

    def confirm_import(self, request):
        pending = request.session.get(IMPORT_SESSION_KEY)
        if not pending or pending["digest"] != request.POST.get("digest"):
            self.message_user(
                request,
                gettext(
                    "That import is no longer waiting for confirmation: upload the file again."
                ),
                messages.ERROR,
            )
            return redirect("admin:registry_delegate_import")
        seminar = Seminar.objects.filter(pk=pending["seminar"]).first()
        if seminar is None:
            del request.session[IMPORT_SESSION_KEY]
            self.message_user(
                request,
                gettext("That seminar no longer exists: nothing was imported."),
                messages.ERROR,
            )
            return redirect("admin:registry_delegate_import")
        data = base64.b64decode(pending["data"])
        # Read again: the registry may have changed since the preview.
        plan = read_delegates(data, seminar, create_organizations=pending["create_organizations"])
        if plan.has_errors:
            self.message_user(
                request,
                gettext("The registry changed since the preview and some rows no longer import."),
                messages.ERROR,
            )
            return self.import_preview(request, plan, pending)
        try:
            with transaction.atomic():
                result = apply_plan(plan)
                self.log_import(request, seminar, pending["name"], result)
        except IntegrityError:
            # Someone registered one of these people between the reading and the writing.
            self.message_user(
                request,
                gettext(
                    "Nothing was imported: the registry changed while importing. Check the preview."
                ),
                messages.ERROR,
            )
            plan = read_delegates(
                data, seminar, create_organizations=pending["create_organizations"]
            )
            return self.import_preview(request, plan, pending)
        del request.session[IMPORT_SESSION_KEY]
        return TemplateResponse(
            request,
            "admin/registry/delegate/import_result.html",
            self.page_context(
                request,
                gettext("Delegates imported"),
                result=result,
                seminar=seminar,
                name=pending["name"],
            ),
        )

    def log_import(self, request, seminar, name, result):
        """The import in the admin history, on the seminar: who, when, how many."""
        LogEntry.objects.log_actions(
            request.user.pk,
            [seminar],
            CHANGE,
            change_message=(
                f"Imported delegates from “{name}”: {result.created} created, "
                f"{result.updated} updated, {result.unchanged} unchanged."
            ),
        )

    def import_template(self, request):
        """An empty CSV in exactly the format the export writes, to fill in and import."""
        if not self.has_import_permission(request):
            raise PermissionDenied
        response = HttpResponse(
            "".join(csv_lines(DELEGATE_COLUMNS, [])), content_type="text/csv; charset=utf-8"
        )
        response["Content-Disposition"] = 'attachment; filename="delegates-template.csv"'
        return response

    # Printing: badges for the registration desk, the list of participants with contacts.

    def filtered_delegates(self, request):
        """The edition asked for (the latest by default) and its delegates, listed or not,
        matching the public listing's filters."""
        seminar = queries.seminar_from_param(request.GET.get("seminar", ""))
        seminar = seminar or queries.latest_seminar()
        delegates = queries.delegate_listing(seminar, include_unlisted=True)
        return seminar, DelegateFilter(request.GET or None, queryset=delegates)

    def badges_view(self, request):
        if not self.has_view_permission(request):
            raise PermissionDenied
        seminar, filterset = self.filtered_delegates(request)
        delegates = queries.at_most(filterset.qs, queries.PRINT_LIMIT) if seminar else []
        sheets = [
            delegates[i : i + BADGES_PER_SHEET]
            for i in range(0, len(delegates or []), BADGES_PER_SHEET)
        ]
        return TemplateResponse(
            request,
            "admin/registry/delegate/badges.html",
            self.page_context(
                request,
                gettext("Name badges"),
                seminar=seminar,
                filterset=filterset,
                sheets=sheets,
                too_many=delegates is None,
                print_limit=f"{queries.PRINT_LIMIT:,}",
            ),
        )

    def participants_view(self, request):
        if not self.has_view_contacts_permission(request):
            raise PermissionDenied
        seminar, filterset = self.filtered_delegates(request)
        ordered = filterset.qs.order_by(*queries.PARTICIPANT_ORDER)
        delegates = queries.at_most(ordered, queries.PRINT_LIMIT) if seminar else []
        if delegates is not None:
            # Only a list actually shown hands out contacts, and so is recorded.
            record_contact_export(
                request.user,
                ExportKind.PARTICIPANTS,
                seminar,
                request.GET.urlencode(),
                DELEGATE_COLUMNS,
                row_count=len(delegates),
            )
        return TemplateResponse(
            request,
            "registry/participant_list.html",
            {
                "seminar": seminar,
                "filterset": filterset,
                "delegates": delegates or [],
                "too_many": delegates is None,
                "print_limit": f"{queries.PRINT_LIMIT:,}",
                "with_contacts": True,
            },
        )


@admin.register(SessionRole)
class SessionRoleAdmin(LargeChangelist, admin.ModelAdmin):
    list_display = ["delegate", "role", "session"]
    list_filter = ["role", "session__seminar"]
    list_select_related = ["delegate", "session"]
    search_fields = ["delegate__full_name", "session__title"]
    autocomplete_fields = ["session", "delegate"]


@admin.register(ExportRecord)
class ExportRecordAdmin(admin.ModelAdmin):
    """The record of contact exports: readable by organizers, editable by nobody."""

    list_display = ["created_at", "username", "kind", "seminar", "row_count", "filters"]
    list_filter = ["kind", "seminar"]
    list_select_related = ["seminar"]
    search_fields = ["username", "filters"]
    date_hierarchy = "created_at"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
