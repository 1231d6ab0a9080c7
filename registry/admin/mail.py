"""The record of e-mails the registry sent, or tried to: read only, with "Retry sending" for
the failed ones (organizers, through the change permission). A failed send stays failed until
a retry gets it through; nothing here marks an e-mail sent."""

from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from registry.mail import retry_failed
from registry.models import OutgoingEmail


@admin.register(OutgoingEmail)
class OutgoingEmailAdmin(admin.ModelAdmin):
    list_display = ["created_at", "to", "subject", "language", "status", "attempts", "sent_at"]
    list_filter = ["status", "template", "language"]
    search_fields = ["to", "subject"]
    actions = ["retry_sending"]
    # The body is not shown: it may hold a sign-in code or a link that signs in.
    fields = [
        "to",
        "subject",
        "template",
        "language",
        "status",
        "error",
        "attempts",
        "created_at",
        "sent_at",
        "delegation",
        "delegate",
    ]
    readonly_fields = fields

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def has_retry_permission(self, request):
        return request.user.has_perm("registry.change_outgoingemail")

    @admin.action(description=_("Retry sending"), permissions=["retry"])
    def retry_sending(self, request, queryset):
        count = retry_failed(queryset)
        if not count:
            message = _("None of the selected e-mails had failed: none was sent again.")
            self.message_user(request, message, messages.WARNING)
            return
        message = ngettext(
            "%(count)s failed e-mail is queued to be sent again.",
            "%(count)s failed e-mails are queued to be sent again.",
            count,
        )
        self.message_user(request, message % {"count": count}, messages.SUCCESS)
