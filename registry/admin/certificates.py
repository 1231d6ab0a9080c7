"""Certificates of attendance in the admin: the issued ones, and revoking them (a revoked code
says so at its verification address)."""

from django.contrib import admin, messages
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from registry.models import Certificate


@admin.register(Certificate)
class CertificateAdmin(admin.ModelAdmin):
    list_display = ["code", "delegate", "days_attended", "issued_at", "revoked_at"]
    list_filter = ["delegate__seminar", "revoked_at"]
    list_select_related = ["delegate"]
    search_fields = ["code", "delegate__full_name"]
    readonly_fields = ["delegate", "code", "days_attended", "issued_at", "revoked_at"]
    actions = ["revoke"]

    def has_add_permission(self, request):
        return False

    @admin.action(description=_("Revoke selected certificates"), permissions=["change"])
    def revoke(self, request, queryset):
        count = queryset.filter(revoked_at=None).update(revoked_at=timezone.now())
        message = ngettext(
            "%(count)s certificate revoked.", "%(count)s certificates revoked.", count
        )
        self.message_user(request, message % {"count": count}, messages.SUCCESS)
