"""The delegate changelist's bulk actions: consents received elsewhere, approvals and declines,
breakout groups, and own links e-mailed. Each change runs a fixed number of queries whatever the
number of delegates selected, writes an entry in each changed delegate's History, and records
a new revision of the public data when what the public pages show changed. Sending links writes
a link and an e-mail record per delegate; the e-mails go after the request."""

from django import forms
from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.contrib.admin.models import CHANGE, LogEntry
from django.db import transaction
from django.db.models.fields import BLANK_CHOICE_DASH
from django.urls import reverse
from django.utils.translation import gettext, gettext_noop, ngettext
from django.utils.translation import gettext_lazy as _

from registry.admin.mail import report_sending
from registry.mail import queue_email
from registry.models import (
    TAKING_A_PLACE,
    BreakoutGroup,
    Consent,
    ConsentChannel,
    DelegateLink,
    NominationEvent,
    NominationStatus,
    Revision,
)

# How a bulk change names each field in a delegate's History: as a change through the
# delegate's form does (its label, untranslated), so the History page translates it.
HISTORY_LABELS = {
    "consented": gettext_noop("Consented"),
    "nomination_status": gettext_noop("Nomination"),
    "breakout_group": gettext_noop("Breakout group"),
    "badge_code": gettext_noop("Badge code"),
}


class DelegateActionForm(helpers.ActionForm):
    """The changelist's action bar, with what the actions need besides the selection. The
    group starts empty: a preselected group would be set by anyone who ran the action
    without looking."""

    breakout_group = forms.ChoiceField(
        label=_("Breakout group"),
        choices=[*BLANK_CHOICE_DASH, *BreakoutGroup.choices],
        required=False,
    )
    declined_reason = forms.CharField(
        label=_("Reason for declining"),
        max_length=500,
        required=False,
        help_text=_("Shown to the focal point."),
    )
    consent_note = forms.CharField(
        label=_("Where the consent came from"),
        max_length=500,
        required=False,
        widget=forms.TextInput(attrs={"placeholder": _("e.g. signed form, 21 February")}),
    )


def log_changes(request, delegates, *fields):
    LogEntry.objects.log_actions(
        request.user.pk,
        delegates,
        CHANGE,
        change_message=[{"changed": {"fields": [HISTORY_LABELS[f] for f in fields]}}],
    )


# The event a nomination's new status writes in its delegation's history.
NOMINATION_EVENTS = {
    NominationStatus.APPROVED: NominationEvent.Action.APPROVED,
    NominationStatus.DECLINED: NominationEvent.Action.DECLINED,
}


def set_nomination(request, queryset, status, reason=""):
    """Give the delegates of ``queryset`` that do not have it yet the nomination ``status``
    (a declined one with the ``reason`` the focal point reads), in a fixed number of queries:
    each gets a History entry and an event in its delegation's history, ``listed`` follows,
    and the public data gets a new revision. How many changed."""
    changing = queryset.exclude(nomination_status=status)
    with transaction.atomic():
        changed = list(
            changing.select_related(None).order_by().only("pk", "full_name", "nomination_status")
        )
        if not changed:
            return 0
        chosen = queryset.model.objects.filter(pk__in=[delegate.pk for delegate in changed])
        # Those without a place until now (declined) take one: past the quota is on record.
        gaining = [
            delegate.pk
            for delegate in changed
            if status in TAKING_A_PLACE and delegate.nomination_status not in TAKING_A_PLACE
        ]
        values = {"declined_reason": reason} if status == NominationStatus.DECLINED else {}
        count = chosen.update(nomination_status=status, **values)
        log_changes(request, changed, "nomination_status")
        NominationEvent.objects.record(
            chosen,
            NOMINATION_EVENTS[status],
            request.user.get_username(),
            {"reason": reason} if reason else None,
        )
        if gaining:
            NominationEvent.objects.record_over_quota(
                queryset.model.objects.filter(pk__in=gaining), request.user.get_username()
            )
        chosen.refresh_listed()
        Revision.objects.record_change()
    return count


def declined_reason(model_admin, request):
    """The reason for declining written next to the action, or None with a message."""
    reason = request.POST.get("declined_reason", "").strip()
    if not reason:
        model_admin.message_user(
            request,
            gettext("Give the reason for declining, next to the action: the focal point sees it."),
            messages.ERROR,
        )
        return None
    return reason


class DelegateActionsMixin:
    action_form = DelegateActionForm

    @staticmethod
    def update_selected(request, queryset, **values):
        """Write ``values`` to the selected delegates that do not have them yet, and return how
        many changed. Each of those gets a History entry naming the user and the fields, as a
        change through its form would; ``listed`` follows (a nomination changes it), and
        update() sends no signal, so the public data's new revision is recorded here too."""
        changing = queryset.exclude(**values)
        with transaction.atomic():
            changed = list(changing.select_related(None).order_by().only("pk", "full_name"))
            if not changed:
                return 0
            count = changing.update(**values)
            log_changes(request, changed, *values)
            queryset.model.objects.filter(pk__in=[d.pk for d in changed]).refresh_listed()
            Revision.objects.record_change()
        return count

    def record_consents(self, request, queryset, *, given):
        """A consent received elsewhere (a signed form, an e-mail), or its withdrawal, for
        the selected delegates whose consent it changes: a consent record each, naming the
        organizer and where it came from."""
        note = request.POST.get("consent_note", "").strip()
        if not note:
            self.message_user(
                request,
                gettext("Say where the consent came from, next to the action."),
                messages.ERROR,
            )
            return None
        changing = queryset.exclude(consented=given)
        with transaction.atomic():
            changed = list(changing.select_related(None).order_by().only("pk", "full_name"))
            count = Consent.objects.record(
                changing, given=given, channel=ConsentChannel.ORGANIZER, by=request.user, note=note
            )
            if changed:
                log_changes(request, changed, "consented")
        return count

    @admin.action(
        description=_("Record consent to be listed, received elsewhere"), permissions=["change"]
    )
    def record_consent_given(self, request, queryset):
        count = self.record_consents(request, queryset, given=True)
        if count is not None:
            message = ngettext(
                "Consent recorded for %(count)s delegate.",
                "Consent recorded for %(count)s delegates.",
                count,
            )
            self.message_user(request, message % {"count": count}, messages.SUCCESS)

    @admin.action(
        description=_("Record consent withdrawn, received elsewhere"), permissions=["change"]
    )
    def record_consent_withdrawn(self, request, queryset):
        count = self.record_consents(request, queryset, given=False)
        if count is not None:
            message = ngettext(
                "Withdrawal recorded for %(count)s delegate.",
                "Withdrawal recorded for %(count)s delegates.",
                count,
            )
            self.message_user(request, message % {"count": count}, messages.SUCCESS)

    @admin.action(description=_("Approve selected delegates"), permissions=["change"])
    def approve(self, request, queryset):
        count = set_nomination(request, queryset, NominationStatus.APPROVED)
        message = ngettext(
            "%(count)s delegate is now approved.", "%(count)s delegates are now approved.", count
        )
        self.message_user(request, message % {"count": count}, messages.SUCCESS)

    @admin.action(description=_("Decline selected nominations"), permissions=["change"])
    def decline(self, request, queryset):
        if (reason := declined_reason(self, request)) is None:
            return
        count = set_nomination(request, queryset, NominationStatus.DECLINED, reason)
        message = ngettext(
            "%(count)s nomination is declined.", "%(count)s nominations are declined.", count
        )
        self.message_user(request, message % {"count": count}, messages.SUCCESS)

    @admin.action(
        description=_("E-mail selected delegates their own link (listing and consent)"),
        permissions=["change"],
    )
    def send_own_links(self, request, queryset):
        """A new own link for each selected approved delegate with an e-mail (earlier links
        stop working), sent in the delegate's language after the request."""
        chosen = queryset.approved().exclude(email="").select_related("seminar")
        emails = []
        with transaction.atomic():
            for delegate in chosen:
                token = DelegateLink.issue(delegate)
                record = queue_email(
                    to=delegate.email,
                    template="delegate_link",
                    context={
                        "name": delegate.display_name,
                        "seminar": delegate.seminar.title,
                        "link": request.build_absolute_uri(
                            reverse("portal:own_link", args=[token])
                        ),
                    },
                    language=delegate.language,
                    delegate=delegate,
                )
                emails.append(record)
        report_sending(self, request, emails)

    @admin.action(
        description=_("Re-issue the badge codes of selected delegates (lost badges)"),
        permissions=["change"],
    )
    def reissue_badge_codes(self, request, queryset):
        """New codes: the old badges stop working at the desk; print the badges again."""
        with transaction.atomic():
            changed = list(queryset.select_related(None).order_by().only("pk", "full_name"))
            count = queryset.give_badge_codes(anew=True)
            log_changes(request, changed, "badge_code")
        message = ngettext(
            "%(count)s badge code re-issued: print that badge again.",
            "%(count)s badge codes re-issued: print those badges again.",
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
