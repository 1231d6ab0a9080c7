"""Delegations in the admin: per edition, their status, the places nominations use, whether a
letter arrived and the last change; invitations to focal points; letters and the history of
every change, whoever made it. Consent records are written by ``Consent.objects.record``
alone, so the admin only reads them.

A delegation's delegates are the delegate changelist filtered to it (a synthetic delegation
holds thousands)."""

from django import forms
from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Count, Exists, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce, Greatest
from django.shortcuts import get_object_or_404
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from registry.admin.base import GuardedActionsMixin, OpenEditionForm, WideChangelist
from registry.admin.delegate_actions import declined_reason, set_nomination
from registry.admin.history import field_label, record_correction
from registry.admin.mail import report_sending
from registry.letters import letter_response
from registry.mail import queue_email
from registry.models import (
    TAKING_A_PLACE,
    Consent,
    Delegate,
    Delegation,
    DelegationAccess,
    NominationEvent,
    NominationLetter,
    NominationStatus,
)


class ReadOnlyInline(admin.TabularInline):
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class LetterInline(ReadOnlyInline):
    model = NominationLetter
    fields = ["download", "uploaded_at", "uploaded_by", "size"]
    readonly_fields = fields

    @admin.display(description=_("file"))
    def download(self, letter):
        url = reverse("admin:registry_delegation_letter", args=[letter.pk])
        return format_html('<a href="{}">{}</a>', url, letter.name)


class EventInline(ReadOnlyInline):
    model = NominationEvent
    fields = ["at", "action", "delegate", "by", "what_changed"]
    readonly_fields = fields
    verbose_name_plural = _("history of the nominations")

    @admin.display(description=_("changes"))
    def what_changed(self, event):
        """Each change as “field: before → after” (a reason as “reason: …”), one per line."""
        lines = [
            f"{field_label(field)}: {value[0]} → {value[1]}"
            if isinstance(value, list) and len(value) == 2
            else f"{field_label(field)}: {value}"
            for field, value in event.changes.items()
        ]
        return format_html_join(mark_safe("<br>"), "{}", ((line,) for line in lines))

    @admin.display(description=_("by"))
    def by(self, event):
        return event.actor_display


class AccessInline(ReadOnlyInline):
    model = DelegationAccess
    fields = ["email", "created_at", "revoked_at"]
    readonly_fields = fields


def last_change():
    """When a delegation last changed: its record's own edit, or the latest event of its
    history (nominations, letters, approvals, consents: writers that do not touch the
    record), whichever is later."""
    latest = NominationEvent.objects.filter(delegation=OuterRef("pk")).order_by("-at", "-pk")
    return Greatest("updated_at", Coalesce(Subquery(latest.values("at")[:1]), "updated_at"))


class DelegationActionForm(helpers.ActionForm):
    declined_reason = forms.CharField(
        label=_("Reason for declining"),
        max_length=500,
        required=False,
        help_text=_("Shown to the focal point."),
    )


@admin.register(Delegation)
class DelegationAdmin(WideChangelist, GuardedActionsMixin, admin.ModelAdmin):
    list_display = [
        "name",
        "seminar",
        "status",
        "places",
        "letter_received",
        "focal_point_name",
        "last_change",
    ]
    list_filter = ["seminar", "status"]
    list_select_related = ["seminar", "country", "organization"]
    search_fields = ["country__name", "organization__name", "authority", "focal_point_name"]
    autocomplete_fields = ["seminar", "country", "organization"]
    readonly_fields = ["delegates_link", "created_at", "updated_at"]
    inlines = [LetterInline, AccessInline, EventInline]
    actions = ["invite", "approve_nominations", "decline_nominations", "revoke_links"]
    action_form = DelegationActionForm
    form = OpenEditionForm
    fieldsets = [
        (None, {"fields": ["seminar", "country", "organization", "authority", "status"]}),
        (
            _("Focal point"),
            {
                "fields": [
                    "focal_point_name",
                    "focal_point_email",
                    "deputy_name",
                    "deputy_email",
                    "language",
                ]
            },
        ),
        (_("Delegates"), {"fields": ["quota", "deadline_extended_to", "delegates_link"]}),
        (None, {"fields": ["notes", "created_at", "updated_at"]}),
    ]

    def save_model(self, request, obj, form, change):
        """An organizer's edit of the delegation (its quota, status, deadline…) shows in its
        history."""
        before = Delegation.objects.get(pk=obj.pk) if change else None
        super().save_model(request, obj, form, change)
        if change:
            record_correction(request, before, obj, form, delegation=obj)

    def get_queryset(self, request):
        taking = Q(delegates__nomination_status__in=TAKING_A_PLACE)
        letters = NominationLetter.objects.filter(delegation=OuterRef("pk"))
        return (
            super()
            .get_queryset(request)
            .annotate(
                place_count=Count("delegates", filter=taking),
                has_letter=Exists(letters),
                changed_at=last_change(),
            )
        )

    def get_urls(self):
        letter = self.admin_site.admin_view(self.letter_view)
        return [
            path("letters/<int:pk>/", letter, name="registry_delegation_letter"),
            *super().get_urls(),
        ]

    def letter_view(self, request, pk):
        # Organizers only: the registration desk views delegations, not their letters.
        if not request.user.has_perm("registry.view_nominationletter"):
            raise PermissionDenied
        return letter_response(get_object_or_404(NominationLetter, pk=pk))

    @admin.display(description=_("delegation"), ordering="country__name")
    def name(self, delegation):
        # In the reader's language, as on the delegation's own page (マレーシア, not Malaysia).
        return delegation.display_name

    @admin.display(description=_("places used"), ordering="place_count")
    def places(self, delegation):
        if delegation.quota is None:
            return str(delegation.place_count)
        return f"{delegation.place_count} / {delegation.quota}"

    @admin.display(description=_("last change"), ordering="changed_at")
    def last_change(self, delegation):
        return delegation.changed_at

    @admin.display(description=_("letter"), boolean=True, ordering="has_letter")
    def letter_received(self, delegation):
        return delegation.has_letter

    @admin.display(description=_("delegates"))
    def delegates_link(self, delegation):
        if delegation.pk is None:
            return ""
        url = reverse("admin:registry_delegate_changelist")
        return format_html(
            '<a href="{}?delegation__id__exact={}&amp;seminar={}">{}</a>',
            url,
            delegation.pk,
            delegation.seminar.number,
            _("See this delegation's delegates"),
        )

    @admin.action(description=_("Invite: e-mail the focal points their sign-in link"))
    def invite(self, request, queryset):
        """A new sign-in link for each selected delegation's focal point (and deputy), sent
        in the delegation's language after the commit, one task each; the message says what
        became of them."""
        emails = []
        with transaction.atomic():
            for delegation in queryset.select_related("seminar", "country", "organization"):
                for email in filter(None, [delegation.focal_point_email, delegation.deputy_email]):
                    token = DelegationAccess.issue(delegation, email)
                    link = reverse("portal:sign_in", args=[token])
                    record = queue_email(
                        to=email,
                        template="delegation_invitation",
                        context={
                            "delegation": delegation,
                            "seminar": delegation.seminar.title,
                            "link": request.build_absolute_uri(link),
                            "deadline": delegation.deadline,
                        },
                        language=delegation.language,
                        delegation=delegation,
                    )
                    emails.append(record)
        report_sending(self, request, emails)

    @admin.action(description=_("Approve every nominated delegate of the selected delegations"))
    def approve_nominations(self, request, queryset):
        nominated = Delegate.objects.filter(
            delegation__in=queryset, nomination_status=NominationStatus.NOMINATED
        )
        count = set_nomination(request, nominated, NominationStatus.APPROVED)
        message = ngettext(
            "%(count)s delegate is now approved.", "%(count)s delegates are now approved.", count
        )
        self.message_user(request, message % {"count": count}, messages.SUCCESS)

    @admin.action(description=_("Decline every nominated delegate of the selected delegations"))
    def decline_nominations(self, request, queryset):
        if (reason := declined_reason(self, request)) is None:
            return
        nominated = Delegate.objects.filter(
            delegation__in=queryset, nomination_status=NominationStatus.NOMINATED
        )
        count = set_nomination(request, nominated, NominationStatus.DECLINED, reason)
        message = ngettext(
            "%(count)s nomination is declined.", "%(count)s nominations are declined.", count
        )
        self.message_user(request, message % {"count": count}, messages.SUCCESS)

    @admin.action(description=_("Revoke the focal points' sign-in links"))
    def revoke_links(self, request, queryset):
        count = DelegationAccess.objects.filter(delegation__in=queryset, revoked_at=None).update(
            revoked_at=timezone.now()
        )
        message = ngettext(
            "%(count)s link revoked: browsers signed in with it are signed out.",
            "%(count)s links revoked: browsers signed in with them are signed out.",
            count,
        )
        self.message_user(request, message % {"count": count}, messages.SUCCESS)


class ConsentInline(ReadOnlyInline):
    """A delegate's consent records, newest last, as written: never edited here."""

    model = Consent
    fields = ["recorded_at", "given", "channel", "recorded_by_name", "note", "notice_version"]
    readonly_fields = fields
