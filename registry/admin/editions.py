"""The edition a delegate changelist shows, chosen once as a list filter instead of repeated on
every row: ``?seminar=<number>`` for one edition, ``?seminar=all`` for every one, and by
default the edition visitors get on the public site (the latest real one, never a synthetic
one: :meth:`registry.models.editions.SeminarQuerySet.latest_edition`).

The printed pages read the same filter through the changelist, so they print the edition it
shows."""

from django.contrib import admin, messages
from django.contrib.admin.options import IncorrectLookupParameters
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from registry.models import Seminar

ALL_EDITIONS = "all"
ALL_EDITIONS_LABEL = _("All editions")


class EditionFilter(admin.SimpleListFilter):
    """One edition of the seminar, or all of them; the latest real edition when the address
    names none. A value naming no edition is an invalid lookup, which the changelist answers
    as it answers any (back to its first page)."""

    title = _("edition")
    parameter_name = "seminar"

    def lookups(self, request, model_admin):
        editions = list(Seminar.objects.with_default_flag().order_by("-number"))
        self.default = next(
            (str(edition.number) for edition in editions if edition.is_default), ALL_EDITIONS
        )
        self.editions = {str(edition.number): edition for edition in editions}
        # The filters after it (attendance's days) read the edition shown from here.
        request.edition_filter = self
        return [(ALL_EDITIONS, ALL_EDITIONS_LABEL), *self.editions.items()]

    def value(self):
        return super().value() or self.default

    @property
    def edition(self):
        """The edition shown, or ``None`` for all of them."""
        return self.editions.get(self.value())

    @property
    def label(self):
        """What the page says it shows: the edition's title, or "All editions"."""
        return str(self.edition or ALL_EDITIONS_LABEL)

    def queryset(self, request, queryset):
        value = self.value()
        if value == ALL_EDITIONS:
            return queryset
        if value not in self.editions:
            # The changelist answers by showing its first page, where this says why.
            messages.error(
                request,
                gettext("There is no edition “%(value)s”: choose one under “By edition”.")
                % {"value": value},
            )
            raise IncorrectLookupParameters(f"No edition {value!r}")
        return queryset.filter(seminar=self.editions[value].pk)

    def choices(self, changelist):
        # Django's own first choice, "All", drops the parameter: here that is the default
        # edition, so every choice names its edition, or "all", outright.
        for lookup, edition in self.lookup_choices:
            yield {
                "selected": self.value() == lookup,
                "query_string": changelist.get_query_string({self.parameter_name: lookup}),
                "display": str(edition),
            }


def edition_filter(changelist):
    """The changelist's :class:`EditionFilter`."""
    return next(spec for spec in changelist.filter_specs if isinstance(spec, EditionFilter))
