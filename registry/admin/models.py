"""The admins that are options only: reference data (countries, organizations, regimes,
topics), editions and their sessions, roles in sessions, and the record of contact exports.

The delegate's admin, which does more, is in :mod:`registry.admin.delegates`."""

from django.contrib import admin
from django.db.models import Count
from django.utils import timezone
from django.utils.formats import localize
from django.utils.translation import gettext_lazy as _

from registry.admin.base import (
    GuardedActionsMixin,
    LargeChangelist,
    RoleForm,
    RoleInline,
    RowAutocompleteInline,
    WideChangelist,
)
from registry.models import (
    Country,
    ExportRecord,
    Organization,
    Regime,
    RegimeMembership,
    Seminar,
    Session,
    SessionRole,
    Topic,
)


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


class MembershipInline(RowAutocompleteInline):
    """A regime's memberships, each with its dates and source, on the regime's page."""

    model = RegimeMembership
    related = ["country", "regime"]
    autocomplete_fields = ["country"]
    fields = [
        "country",
        "joined_earliest",
        "joined_latest",
        "source_title",
        "source_url",
        "source_says",
    ]


@admin.register(Regime)
class RegimeAdmin(admin.ModelAdmin):
    list_display = ["acronym", "name", "member_count"]
    search_fields = ["acronym", "name"]
    fields = ["acronym", "name", "controls", "membership_note"]
    inlines = [MembershipInline]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(member_count=Count("memberships"))

    @admin.display(description=_("members"), ordering="member_count")
    def member_count(self, regime):
        return regime.member_count


@admin.register(RegimeMembership)
class RegimeMembershipAdmin(admin.ModelAdmin):
    """Every membership in one list, to compare dates and sources across the regimes."""

    list_display = ["country", "regime", "joined", "source_title"]
    list_filter = ["regime", "country__region"]
    list_select_related = ["country", "regime"]
    search_fields = ["country__name", "regime__acronym", "regime__name", "source_title"]
    autocomplete_fields = ["regime", "country"]

    @admin.display(description=_("joined"), ordering="joined_latest")
    def joined(self, membership):
        return membership.joined_display


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
        (
            _("Personal data"),
            {"fields": ["retain_until", "retention", "anonymizing_since", "anonymized_at"]},
        ),
    ]
    readonly_fields = ["retention", "anonymizing_since", "anonymized_at"]

    @admin.display(description=_("kept until (in effect)"))
    def retention(self, seminar):
        if seminar.pk is None:
            return self.get_empty_value_display()
        return localize(seminar.retention_date)

    def get_readonly_fields(self, request, obj=None):
        # Once removed, the data has no date left to keep it until.
        if obj is not None and obj.is_anonymized:
            return [*self.readonly_fields, "retain_until"]
        return self.readonly_fields


class SessionRoleInline(RoleInline):
    autocomplete_fields = ["delegate"]


@admin.register(Session)
class SessionAdmin(admin.ModelAdmin):
    list_display = ["title", "seminar", "position", "kind", "date", "start_time", "breakout_group"]
    list_display_links = ["title"]
    list_filter = ["seminar", "kind", "breakout_group", "check_in_list", "regimes", "topics"]
    list_select_related = ["seminar"]
    search_fields = ["title", "description"]
    autocomplete_fields = ["seminar", "regimes", "topics"]
    prepopulated_fields = {"slug": ["title"]}
    inlines = [SessionRoleInline]


@admin.register(SessionRole)
class SessionRoleAdmin(GuardedActionsMixin, LargeChangelist, admin.ModelAdmin):
    edition_field = "session__seminar"
    list_display = ["delegate", "role", "session"]
    list_filter = ["role", "session__seminar"]
    list_select_related = ["delegate", "session"]
    search_fields = ["delegate__full_name", "session__title"]
    autocomplete_fields = ["session", "delegate"]
    form = RoleForm


@admin.register(ExportRecord)
class ExportRecordAdmin(WideChangelist, admin.ModelAdmin):
    """The record of contact exports: readable by organizers, editable by nobody."""

    list_display = ["exported_at", "username", "kind", "seminar", "row_count", "filters"]
    list_filter = ["kind", "seminar"]
    list_select_related = ["seminar"]
    search_fields = ["username", "filters"]
    date_hierarchy = "created_at"
    fields = [
        "exported_at",
        "username",
        "user",
        "kind",
        "seminar",
        "filters",
        "columns",
        "row_count",
        "outside_the_registry",
    ]
    readonly_fields = ["exported_at", "outside_the_registry"]

    @admin.display(description=_("the file"))
    def outside_the_registry(self, record):
        return _(
            "Outside the registry: once downloaded, the file is the taker's to delete. Neither "
            "retention nor an erasure reaches it; this record holds the filters, not the rows."
        )

    # Stored in UTC, shown in the site's time zone (TIME_ZONE, the seminar's): say which.
    @admin.display(description=_("exported at (Tokyo time)"), ordering="created_at")
    def exported_at(self, record):
        # Formatted here: a read-only field that is not the model's own shows a bare datetime
        # as stored, in UTC.
        return localize(timezone.localtime(record.created_at))

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
