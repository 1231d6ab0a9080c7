"""The organizers' admin: every model, with the searches, filters and inlines they work with."""

from django import forms
from django.contrib import admin
from django.contrib.admin import helpers
from django.contrib.admin.widgets import AutocompleteSelect
from django.db.models import Count

from registry.exports import (
    DELEGATE_COLUMNS,
    delegates_csv_response,
    export_filename,
    record_contact_export,
)
from registry.models import (
    Country,
    Delegate,
    ExportKind,
    ExportRecord,
    Organization,
    Regime,
    Seminar,
    Session,
    SessionRole,
    Topic,
)

CONTACT_PERMISSION = "registry.view_delegate_contacts"


@admin.register(Country)
class CountryAdmin(admin.ModelAdmin):
    list_display = ["name", "iso_code", "region", "sort_name"]
    list_filter = ["region"]
    search_fields = ["name", "iso_code", "sort_name"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Organization)
class OrganizationAdmin(admin.ModelAdmin):
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

    @admin.display(description="members", ordering="member_count")
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
        ("Organizers", {"fields": ["organizer", "co_organizers"]}),
        (
            "Participation, as the report lists it",
            {
                "fields": [
                    "participating_countries",
                    "participating_organizations",
                    "participating_regimes",
                ]
            },
        ),
        (
            "Source",
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
    verbose_name = "role in a session"


@admin.register(Delegate)
class DelegateAdmin(admin.ModelAdmin):
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
    search_fields = ["full_name", "family_name", "given_name", "position", "organization__name"]
    autocomplete_fields = ["seminar", "organization", "country"]
    readonly_fields = ["created_at", "updated_at"]
    inlines = [DelegateRoleInline]
    actions = ["export_csv"]
    fieldsets = [
        (None, {"fields": ["seminar", "full_name", "family_name", "given_name", "honorific"]}),
        ("Affiliation", {"fields": ["position", "organization", "country", "category"]}),
        ("At the seminar", {"fields": ["breakout_group", "listed"]}),
        ("Contact (never shown publicly)", {"fields": ["email", "phone"]}),
        (
            "Record",
            {"classes": ["collapse"], "fields": ["slug", "sort_name", "created_at", "updated_at"]},
        ),
    ]

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

    @admin.action(
        description="Export selected delegates as CSV (with contacts)",
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


@admin.register(SessionRole)
class SessionRoleAdmin(admin.ModelAdmin):
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
