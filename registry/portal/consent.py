"""A delegate's own link: exactly what would be published about them, and their consent to it,
given or withdrawn at any time, with no account.

Opening the link (a GET, which mail scanners do) changes nothing; the buttons post. The privacy
notice shown is the one the consent record keeps (version, language and digest)."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import get_language, gettext
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from registry import privacy
from registry.models import Certificate, Consent, ConsentChannel, DelegateLink, NominationStatus


def published_fields(delegate):
    """What a public page would show of ``delegate``, as (label, value)."""
    return [
        (gettext("Name"), delegate.display_name),
        (gettext("Position"), delegate.position),
        (gettext("Organization"), delegate.organization.name if delegate.organization else ""),
        (gettext("Country or region"), delegate.country.display_name if delegate.country else ""),
        (gettext("Category"), delegate.get_category_display()),
        (gettext("Breakout group"), delegate.get_breakout_group_display()),
        (
            gettext("Sessions"),
            "; ".join(
                str(role.session) for role in delegate.session_roles.select_related("session")
            ),
        ),
    ]


def consent_message(delegate, given):
    if not given:
        return gettext("Your consent is withdrawn: you no longer appear on any public page.")
    if delegate.nomination_status == NominationStatus.APPROVED:
        return gettext("Thank you: you are now listed publicly.")
    return gettext(
        "Thank you: your consent is recorded. You will be listed once your nomination is approved."
    )


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def own_link(request, token):
    link = DelegateLink.objects.select_related(
        "delegate__organization", "delegate__country", "delegate__seminar"
    ).for_token(token)
    if link is None or link.revoked_at:
        status = 404 if link is None else 410
        return render(request, "portal/link_invalid.html", {"link": link}, status=status)
    delegate = link.delegate
    if request.method == "POST":
        given = request.POST.get("consent") == "give"
        if given != delegate.consented:
            language = request.POST.get("notice_language") or get_language()
            Consent.objects.record(
                type(delegate).objects.filter(pk=delegate.pk),
                given=given,
                channel=ConsentChannel.OWN_LINK,
                notice=privacy.shown_notice(language),
            )
        messages.success(request, consent_message(delegate, given))
        return redirect(request.path)
    return render(
        request,
        "portal/own_link.html",
        {
            "delegate": delegate,
            "fields": published_fields(delegate),
            "notice": privacy.notice_text(get_language()),
            "notice_language": get_language(),
            "certificate": Certificate.objects.filter(delegate=delegate, revoked_at=None).first(),
        },
    )
