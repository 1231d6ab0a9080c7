"""Delegations and consent records in the admin.

A delegation's page shows its status, quota and how much of it nominations use; its delegates
are the delegate changelist filtered to it (a synthetic delegation holds thousands). Consent
records are written by ``Consent.objects.record`` alone, so the admin only reads them."""

from django.contrib import admin
from django.db.models import Count, Q
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from registry.models import Consent, Delegation, NominationStatus

# Nominated and approved delegates take a place in their delegation's quota.
TAKING_A_PLACE = [NominationStatus.NOMINATED, NominationStatus.APPROVED]


@admin.register(Delegation)
class DelegationAdmin(admin.ModelAdmin):
    list_display = [
        "__str__",
        "seminar",
        "status",
        "places",
        "focal_point_name",
        "updated_at",
    ]
    list_filter = ["seminar", "status"]
    list_select_related = ["seminar", "country", "organization"]
    search_fields = ["country__name", "organization__name", "authority", "focal_point_name"]
    autocomplete_fields = ["seminar", "country", "organization"]
    readonly_fields = ["delegates_link", "created_at", "updated_at"]
    fieldsets = [
        (None, {"fields": ["seminar", "country", "organization", "authority", "status"]}),
        (
            _("Focal point"),
            {"fields": ["focal_point_name", "focal_point_email", "deputy_name", "deputy_email"]},
        ),
        (_("Delegates"), {"fields": ["quota", "delegates_link"]}),
        (None, {"fields": ["notes", "created_at", "updated_at"]}),
    ]

    def get_queryset(self, request):
        taking = Q(delegates__nomination_status__in=TAKING_A_PLACE)
        return super().get_queryset(request).annotate(place_count=Count("delegates", filter=taking))

    @admin.display(description=_("places used"), ordering="place_count")
    def places(self, delegation):
        if delegation.quota is None:
            return str(delegation.place_count)
        return f"{delegation.place_count} / {delegation.quota}"

    @admin.display(description=_("delegates"))
    def delegates_link(self, delegation):
        if delegation.pk is None:
            return ""
        url = reverse("admin:registry_delegate_changelist")
        return format_html(
            '<a href="{}?delegation__id__exact={}&amp;seminar=all">{}</a>',
            url,
            delegation.pk,
            _("See this delegation's delegates"),
        )


class ConsentInline(admin.TabularInline):
    """A delegate's consent records, newest last, as written: never edited here."""

    model = Consent
    extra = 0
    can_delete = False
    fields = ["recorded_at", "given", "channel", "recorded_by_name", "note", "notice_version"]
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False
