"""What every model of the registry shares: page addresses, slugs and natural-key managers."""

import functools

from django.db import models
from django.urls import get_script_prefix, reverse
from django.utils.text import slugify

# Slugs made from a name keep this many of its characters, leaving room for a "-2" suffix.
SLUG_BASE_LENGTH = 90


@functools.lru_cache(maxsize=10_000)
def _page_url(route, key, script_prefix):
    return reverse(route, args=[key])


def page_url(route, key):
    """The address of an object's page, worked out once per process and key: listings link
    each row's country, organization and sessions, and ``reverse()`` cost more than the rest
    of a row's rendering. The URLs never change while the process runs."""
    return _page_url(route, key, get_script_prefix())


def slug_base(text, fallback):
    """The slug a name gives (``fallback`` when it gives none), short enough for a suffix."""
    return slugify(text)[:SLUG_BASE_LENGTH] or fallback


def first_free_slug(base, taken):
    """``base``, or ``base-2``, ``base-3``… : the first that is not in ``taken``.

    The one rule for a new row's slug: the models ask the database which slugs are taken,
    bulk writers (the import) keep the set themselves."""
    slug, n = base, 2
    while slug in taken:
        slug, n = f"{base}-{n}", n + 1
    return slug


class SlugManager(models.Manager):
    """Manager of models whose natural key is their slug."""

    def get_by_natural_key(self, slug):
        return self.get(slug=slug)


class EditionManager(models.Manager):
    """Manager of rows that belong to an edition: natural key (seminar number, slug)."""

    def get_by_natural_key(self, seminar_number, slug):
        return self.get(seminar__number=seminar_number, slug=slug)
