"""The public listings as JSON: the shape of each listing's rows (:data:`VERSION`, described in
docs/open-data.md), the page around them, and the delegate list streamed whole.

Rows hold what the listing's page shows, with stable keys and values that are the same in
every language: choices by their codes (``"government"``), countries by the report's spelling
with the Japanese name beside it, related rows by their key (the slug or acronym their page's
address uses) with that page's full address. Delegates are the listed ones the caller gives,
with the public columns of the delegate listing only: never an e-mail, a phone or whether they
are listed. ``absolute(path)`` gives a page's full address.
"""

import json

from django.urls import reverse
from django.utils import timezone

from registry.models import SessionRole

# The shape of the files: raised when a key is renamed or removed, or a value changes meaning.
# Keys may be added within a version.
VERSION = 1


def edition_page(path, seminar):
    return f"{path}?seminar={seminar.number}"


def seminar_ref(seminar, absolute):
    """The edition; once its personal data is removed, since when (its listings then hold only
    the people its own report named in a session role, as a public record)."""
    removed = seminar.anonymized_at or seminar.anonymizing_since
    return {
        "number": seminar.number,
        "title": seminar.title,
        "url": absolute(edition_page(reverse("registry:home"), seminar)),
        "personal_data_removed": timezone.localdate(removed).isoformat() if removed else None,
    }


def country_ref(country, seminar, absolute):
    if country is None:
        return None
    return {
        "key": country.slug,
        "name": country.name,
        "name_ja": country.name_ja,
        "iso_code": country.iso_code,
        "url": absolute(edition_page(country.get_absolute_url(), seminar)),
    }


def organization_ref(organization, seminar, absolute):
    if organization is None:
        return None
    return {
        "key": organization.slug,
        "name": organization.name,
        "acronym": organization.acronym,
        "url": absolute(edition_page(organization.get_absolute_url(), seminar)),
    }


def session_ref(role, absolute):
    session = role.session
    return {
        "key": session.slug,
        "title": session.title,
        "role": role.role,
        "url": absolute(session.get_absolute_url()),
    }


def delegate_row(delegate, roles, seminar, absolute):
    """A delegate as the listing shows them: the keys of the listing's public columns
    (``registry.exports.PUBLIC_COLUMNS``), ``roles`` their roles in sessions."""
    return {
        "name": delegate.full_name,
        "honorific": delegate.honorific,
        "family_name": delegate.family_name,
        "given_name": delegate.given_name,
        "position": delegate.position,
        "organization": organization_ref(delegate.organization, seminar, absolute),
        "country": country_ref(delegate.country, seminar, absolute),
        "sessions": [session_ref(role, absolute) for role in roles],
        "category": delegate.category,
        "breakout_group": delegate.breakout_group,
    }


def person(role, seminar, absolute):
    """A listed delegate's role in a session (from ``queries.public_roles``)."""
    delegate = role.delegate
    return {
        "role": role.role,
        "name": delegate.full_name,
        "honorific": delegate.honorific,
        "position": delegate.position,
        "organization": organization_ref(delegate.organization, seminar, absolute),
        "country": country_ref(delegate.country, seminar, absolute),
    }


def hours_and_minutes(time):
    return None if time is None else time.strftime("%H:%M")


def session_row(session, seminar, absolute):
    """A session of the programme, with its prefetched regimes, topics and public roles."""
    topics_url = reverse("registry:session_list")
    return {
        "key": session.slug,
        "position": session.position,
        "title": session.title,
        "kind": session.kind,
        "breakout_group": session.breakout_group,
        "date": None if session.date is None else session.date.isoformat(),
        "start_time": hours_and_minutes(session.start_time),
        "end_time": hours_and_minutes(session.end_time),
        "description": session.description,
        "regimes": [
            {
                "key": regime.acronym,
                "name": regime.name,
                "url": absolute(edition_page(regime.get_absolute_url(), seminar)),
            }
            for regime in session.regimes.all()
        ],
        "topics": [
            {
                "key": topic.slug,
                "name": topic.name,
                "url": absolute(f"{edition_page(topics_url, seminar)}&topic={topic.slug}"),
            }
            for topic in session.topics.all()
        ],
        "people": [person(role, seminar, absolute) for role in session.roles.all()],
        "url": absolute(session.get_absolute_url()),
    }


def country_row(country, seminar, absolute):
    """A country or region that took part, with its ``delegate_count`` annotation."""
    return {
        "key": country.slug,
        "name": country.name,
        "name_ja": country.name_ja,
        "iso_code": country.iso_code,
        "region": country.region,
        "listed_delegates": country.delegate_count,
        "url": absolute(edition_page(country.get_absolute_url(), seminar)),
    }


def organization_row(organization, seminar, absolute):
    """An organization that took part, with its ``delegate_count`` annotation."""
    parent = organization.parent
    return {
        "key": organization.slug,
        "name": organization.name,
        "acronym": organization.acronym,
        "kind": organization.kind,
        "country": country_ref(organization.country, seminar, absolute),
        "parent": None
        if parent is None
        else {
            "key": parent.slug,
            "name": parent.name,
            "url": absolute(edition_page(parent.get_absolute_url(), seminar)),
        },
        "listed_delegates": organization.delegate_count,
        "url": absolute(edition_page(organization.get_absolute_url(), seminar)),
    }


def regime_row(regime, seminar, absolute):
    """A regime, with the ``member_count`` and ``session_count`` annotations of its listing."""
    return {
        "key": regime.acronym,
        "acronym": regime.acronym,
        "name": regime.name,
        "controls": regime.controls,
        "members_taking_part": regime.member_count,
        "sessions": regime.session_count,
        "url": absolute(edition_page(regime.get_absolute_url(), seminar)),
    }


def listing_page(seminar, page, rows, *, previous, following, absolute):
    """A page of a listing: the edition, how many rows match (``count``, no further than the
    count cap: ``count_capped`` says when there are more), which page of how many, the
    addresses of the pages before and after it (``None`` at either end), and the rows."""
    paginator = page.paginator
    return {
        "version": VERSION,
        "seminar": seminar_ref(seminar, absolute),
        "count": paginator.count,
        "count_capped": getattr(paginator, "capped", False),
        "page": page.number,
        "pages": paginator.num_pages,
        "page_size": paginator.per_page,
        "previous": previous,
        "next": following,
        "results": rows,
    }


def roles_by_delegate(delegates):
    """The session roles of ``delegates`` (a queryset), by delegate, in the order the listing's
    prefetch gives them: one query, whatever the number of delegates (the programme's people
    are few)."""
    found = {}
    roles = SessionRole.objects.filter(delegate__in=delegates.order_by().values("pk"))
    for role in roles.select_related("session"):
        found.setdefault(role.delegate_id, []).append(role)
    return found


def delegates_json_lines(delegates, seminar, absolute):
    """The whole delegate list as one JSON document, in pieces of text: the edition, then one
    row per delegate, read in chunks so that memory stays flat. Two queries, the roles first
    (see :func:`roles_by_delegate`)."""
    roles = roles_by_delegate(delegates)
    head = json.dumps(
        {"version": VERSION, "seminar": seminar_ref(seminar, absolute)}, ensure_ascii=False
    )
    yield head[:-1] + ', "results": ['
    separator = "\n"
    for delegate in delegates.iterator(chunk_size=2000):
        row = delegate_row(delegate, roles.get(delegate.pk, ()), seminar, absolute)
        yield separator + json.dumps(row, ensure_ascii=False)
        separator = ",\n"
    yield "\n]}\n"
