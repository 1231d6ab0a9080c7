"""One FilterSet per public listing.

Filters speak the URL's language: countries by slug, regimes by acronym, topics and
organizations by slug, so every state of a listing is a URL people can read and share.
A value that does not validate is reported next to its filter and the rest still apply
(:class:`ForgivingFilterSet`), so a bad link never ends in an error page.
"""

import datetime

import django_filters as filters
from django import forms
from django.db.models import Exists, OuterRef, Q
from django.forms.renderers import TemplatesSetting
from django.utils.formats import date_format
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext, pgettext_lazy
from django_filters import fields as filter_fields

from registry.models import (
    BreakoutGroup,
    Country,
    DelegateCategory,
    Organization,
    OrganizationKind,
    Regime,
    RegimeMembership,
    Region,
    RoleKind,
    SessionKind,
    SessionRole,
    Topic,
)
from registry.pagination import DELEGATE_ORDERINGS
from registry.search import delegates_matching, search_words

SEARCH_MAX_LENGTH = 200
# Sorting countries or organizations by their name: not a person's name (氏名) but 名称.
THINGS_NAME = pgettext_lazy("a country's or an organization's", "Name")


class SearchFilter(filters.CharFilter):
    """Words to look for in several fields; every word must appear in one of them."""

    def __init__(self, *, search_fields, **kwargs):
        kwargs.setdefault("label", _("Search"))
        kwargs.setdefault("max_length", SEARCH_MAX_LENGTH)
        kwargs.setdefault(
            "widget", forms.TextInput(attrs={"type": "search", "maxlength": SEARCH_MAX_LENGTH})
        )
        super().__init__(**kwargs)
        self.search_fields = search_fields

    def filter(self, qs, value):
        for word in search_words(value):
            match = Q()
            for field in self.search_fields:
                match |= Q(**{f"{field}__icontains": word})
            qs = qs.filter(match)
        return qs


class DelegateSearchFilter(SearchFilter):
    """The delegate listing's search: names and positions, and organizations by name or
    acronym, through the delegate search every caller uses
    (:func:`registry.search.delegates_matching`), which reads the search indexes."""

    def __init__(self, **kwargs):
        super().__init__(search_fields=["full_name", "position"], **kwargs)

    def filter(self, qs, value):
        return delegates_matching(qs, search_words(value), self.search_fields)


class FilterForm(forms.Form):
    """The filters' form, rendered from the project's templates with fewer templates per
    field than Django's own (``templates/registry/forms/filters.html``, and the widgets in
    ``templates/registry/widgets/``): the form is a good part of each listing's rendering."""

    default_renderer = TemplatesSetting
    template_name = "registry/forms/filters.html"
    WIDGET_TEMPLATES = {
        forms.Select: "registry/widgets/select.html",
        forms.TextInput: "registry/widgets/input.html",
        forms.DateInput: "registry/widgets/input.html",
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            if template := self.WIDGET_TEMPLATES.get(type(field.widget)):
                field.widget.template_name = template


class ForgivingFilterSet(filters.FilterSet):
    """Applies the filters whose values are valid; invalid ones show their error and are
    left out, instead of emptying or breaking the listing."""

    # Controls of the filter form that change the rows' order, not which rows.
    NOT_FILTERS = {"sort"}

    class Meta:
        form = FilterForm

    @property
    def valid_values(self):
        """The values of the valid filters, by name (none when the form is unbound)."""
        # An unbound form has no cleaned data; a bound one keeps only the valid fields'.
        self.form.is_valid()
        return getattr(self.form, "cleaned_data", {})

    @cached_property
    def active_count(self):
        """How many filters were given a value, valid or not (a sort is no filter: it shows
        the same rows): the listing's "Filters (N active)"."""
        if not self.is_bound:
            return 0
        return sum(
            1
            for name in self.filters
            if name not in self.NOT_FILTERS and self.form[name].value() not in (None, "", [])
        )

    @property
    def qs(self):
        if not hasattr(self, "_qs"):
            queryset = self.queryset.all()
            for name, value in self.valid_values.items():
                queryset = self.filters[name].filter(queryset, value)
            self._qs = queryset
        return self._qs


class PlainChoiceIterator(filter_fields.ModelChoiceIterator):
    """The choices read with one plain query. Django's reads them with ``iterator()``, which
    on PostgreSQL opens, reads and closes a server-side cursor: three round trips to the
    database for a few hundred countries, on every page view."""

    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        if self.field.null_label is not None:
            yield (self.field.null_value, self.field.null_label)
        for obj in self.queryset.all():
            yield self.choice(obj)


class PlainModelChoiceField(filter_fields.ModelChoiceField):
    iterator = PlainChoiceIterator


class PlainModelChoiceFilter(filters.ModelChoiceFilter):
    field_class = PlainModelChoiceField


class CountryChoiceField(PlainModelChoiceField):
    """Countries named in the interface's language (:attr:`Country.display_name`)."""

    def label_from_instance(self, country):
        return country.display_name


class CountryChoiceFilter(filters.ModelChoiceFilter):
    field_class = CountryChoiceField


def slug_choice(queryset, *, to_field_name="slug", filter_class=PlainModelChoiceFilter, **kwargs):
    """A choice of related rows addressed in the URL by a stable key, not a database id."""
    return filter_class(
        queryset=queryset,
        to_field_name=to_field_name,
        error_messages={"invalid_choice": _("“%(value)s” is not one of the choices.")},
        **kwargs,
    )


class SessionFilter(ForgivingFilterSet):
    q = SearchFilter(search_fields=["title", "description"])
    kind = filters.ChoiceFilter(
        label=_("Kind"), choices=SessionKind.choices, empty_label=_("Any kind")
    )
    # A choice of the days that have sessions (see ``day_choices``), by ISO date in the URL.
    date = filters.TypedChoiceFilter(
        label=_("Date"),
        coerce=datetime.date.fromisoformat,
        error_messages={"invalid_choice": _("“%(value)s” is not one of the choices.")},
    )
    regime = slug_choice(
        Regime.objects.all(),
        to_field_name="acronym",
        field_name="regimes",
        label=_("Regime"),
        empty_label=_("Any regime"),
    )
    topic = slug_choice(
        Topic.objects.all(), field_name="topics", label=_("Topic"), empty_label=_("Any topic")
    )
    country = slug_choice(
        Country.objects.all(),
        filter_class=CountryChoiceFilter,
        label=_("Speaker's country or region"),
        empty_label=_("Any country or region"),
        method="filter_speaker_country",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Read when the choice is shown or a date is asked for, not before: a feed that does
        # not filter by day never reads the days.
        self.filters["date"].extra["choices"] = self.day_choices

    @cached_property
    def session_days(self):
        """The days, in order, on which sessions of the listing's queryset take place."""
        sessions = self.queryset.filter(date__isnull=False).prefetch_related(None)
        return list(sessions.order_by("date").values_list("date", flat=True).distinct())

    def day_choices(self):
        """The date filter's choices: any day, then each day that has sessions, written in the
        interface's language (read when the choices are shown, so in the request's)."""
        day_format = pgettext("format of a date with its day of the week", "l j F Y")
        return [("", _("Any day"))] + [
            (day.isoformat(), date_format(day, day_format)) for day in self.session_days
        ]

    def filter_speaker_country(self, queryset, name, country):
        # Only listed people count: an unlisted speaker must not be revealed by a filter.
        listed_speaker = SessionRole.objects.filter(
            session=OuterRef("pk"), delegate__listed=True, delegate__country=country
        )
        return queryset.filter(Exists(listed_speaker))


class DelegateFilter(ForgivingFilterSet):
    q = DelegateSearchFilter(label=_("Name, position or organization"))
    country = slug_choice(
        Country.objects.all(),
        filter_class=CountryChoiceFilter,
        label=_("Country or region"),
        empty_label=_("Any country or region"),
    )
    region = filters.ChoiceFilter(
        field_name="country__region",
        label=_("Region"),
        choices=Region.choices,
        empty_label=_("Any region"),
    )
    organization = slug_choice(
        Organization.objects.all(), label=_("Organization"), empty_label=_("Any organization")
    )
    organization_kind = filters.ChoiceFilter(
        field_name="organization__kind",
        label=_("Kind of organization"),
        choices=OrganizationKind.choices,
        empty_label=_("Any kind"),
    )
    category = filters.ChoiceFilter(
        label=_("Category"), choices=DelegateCategory.choices, empty_label=_("Any category")
    )
    breakout_group = filters.ChoiceFilter(
        label=_("Breakout group"), choices=BreakoutGroup.choices, empty_label=_("Any group")
    )
    role = filters.ChoiceFilter(
        label=_("Role in a session"),
        choices=RoleKind.choices,
        empty_label=_("Any role"),
        method="filter_role",
    )
    sort = filters.ChoiceFilter(
        label=_("Sort by"),
        choices=[
            ("name", _("Name")),
            ("country", _("Country or region")),
            ("organization", _("Organization")),
        ],
        empty_label=None,
        method="sort_by",
    )

    @property
    def order(self):
        """The order the rows are in: a key of ``DELEGATE_ORDERINGS``."""
        return self.valid_values.get("sort") or "name"

    @property
    def search(self):
        """What the rows were searched for ("" for no search)."""
        return self.valid_values.get("q") or ""

    def filter_role(self, queryset, name, role):
        return queryset.filter(
            Exists(SessionRole.objects.filter(delegate=OuterRef("pk"), role=role))
        )

    def sort_by(self, queryset, name, value):
        return queryset.order_by(*DELEGATE_ORDERINGS[value])


class CountryFilter(ForgivingFilterSet):
    region = filters.ChoiceFilter(
        label=_("Region"), choices=Region.choices, empty_label=_("Any region")
    )
    regime = slug_choice(
        Regime.objects.all(),
        to_field_name="acronym",
        label=_("Member of"),
        empty_label=_("Any regime or none"),
        method="filter_regime",
    )
    sort = filters.ChoiceFilter(
        label=_("Sort by"),
        choices=[("name", THINGS_NAME), ("delegates", _("Number of delegates"))],
        empty_label=None,
        method="sort_by",
    )

    # The edition listed: a country is a member of a regime at it when the regime's sources
    # date its joining on or before the edition's first day. The listing sets it.
    seminar = None

    def filter_regime(self, queryset, name, regime):
        memberships = RegimeMembership.objects.filter(country=OuterRef("pk"), regime=regime)
        if self.seminar is not None:
            memberships = memberships.joined_by(self.seminar.start_date)
        return queryset.filter(Exists(memberships))

    def sort_by(self, queryset, name, value):
        if value == "delegates":
            return queryset.order_by("region", "-delegate_count", "sort_name")
        return queryset


class OrganizationFilter(ForgivingFilterSet):
    q = SearchFilter(search_fields=["name", "acronym"], label=_("Name or acronym"))
    kind = filters.ChoiceFilter(
        label=_("Kind"), choices=OrganizationKind.choices, empty_label=_("Any kind")
    )
    country = slug_choice(
        Country.objects.all(),
        filter_class=CountryChoiceFilter,
        label=_("Country or region"),
        empty_label=_("Any country or region"),
    )
    sort = filters.ChoiceFilter(
        label=_("Sort by"),
        choices=[
            ("name", THINGS_NAME),
            ("kind", _("Kind")),
            ("delegates", _("Number of delegates")),
        ],
        empty_label=None,
        method="sort_by",
    )

    def sort_by(self, queryset, name, value):
        orderings = {
            "name": ["name"],
            "kind": ["kind", "name"],
            "delegates": ["-delegate_count", "name"],
        }
        return queryset.order_by(*orderings[value])
