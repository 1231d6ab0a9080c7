"""The record of e-mails the registry sent, or tried to: read only, with "Retry sending" for
the failed ones and those stuck in the queue (organizers, through the change permission). A
failed send stays failed until a retry gets it through; nothing here marks an e-mail sent.
``report_sending`` tells the organizer who had e-mails sent what became of them."""

from django.contrib import admin, messages
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from registry.mail import retry_failed
from registry.models import EmailStatus, OutgoingEmail


def report_sending(model_admin, request, emails):
    """Tell the organizer what became of ``emails`` (the records just queued) as the message
    is written: sent, failed or still queued (a worker sends later; the immediate backend
    sends on commit, before this), with a link to their records under E-mails."""
    ids = [email.pk for email in emails]
    counts = dict.fromkeys(EmailStatus, 0)
    for status in OutgoingEmail.objects.filter(pk__in=ids).values_list("status", flat=True):
        counts[status] += 1
    text = ngettext(
        "%(count)s e-mail: %(sent)s sent, %(failed)s failed, %(queued)s still queued.",
        "%(count)s e-mails: %(sent)s sent, %(failed)s failed, %(queued)s still queued.",
        len(ids),
    ) % {
        "count": len(ids),
        "sent": counts[EmailStatus.SENT],
        "failed": counts[EmailStatus.FAILED],
        "queued": counts[EmailStatus.QUEUED],
    }
    url = reverse("admin:registry_outgoingemail_changelist")
    query = ",".join(map(str, ids))
    message = format_html(
        '{} <a href="{}?id__in={}">{}</a>', text, url, query, _("See them under E-mails.")
    )
    failed = counts[EmailStatus.FAILED]
    level = messages.WARNING if failed or not ids else messages.SUCCESS
    model_admin.message_user(request, message, level)


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
            message = _(
                "None of the selected e-mails had failed or waited in the queue for more than "
                "15 minutes: none was sent again."
            )
            self.message_user(request, message, messages.WARNING)
            return
        message = ngettext(
            "%(count)s e-mail (failed, or queued more than 15 minutes ago) is queued to be "
            "sent again.",
            "%(count)s e-mails (failed, or queued more than 15 minutes ago) are queued to be "
            "sent again.",
            count,
        )
        self.message_user(request, message % {"count": count}, messages.SUCCESS)
