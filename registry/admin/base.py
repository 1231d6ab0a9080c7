"""Pieces the registry's admins share: a changelist that stays fast at a million rows, inline
autocompletes labelled without a query per row, and the context of the admin's own pages."""

import dataclasses
import functools

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.options import ActionLocation
from django.contrib.admin.views.main import ChangeList
from django.contrib.admin.widgets import AutocompleteSelect
from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.utils.translation import gettext, gettext_noop

from registry.models import Seminar, SessionRole
from registry.pagination import CappedPaginator

# Django's own Japanese catalogue leaves these untranslated: the date hierarchy's label
# ("Filter by エクスポート日時") and the empty choice of a select (the changelist's actions
# read "- Select an option -"); the registry's catalogue, read first, supplies them.
gettext_noop("Filter by %(field_name)s")
gettext_noop("- Select an option -")


class LargeChangelist:
    """A changelist that stays fast at a million rows: it counts no further than the count
    cap (``pagination.count_cap()``; the page then says "more than 10,000"), never counts the
    unfiltered table beside the filtered one, and offers no facet counts (one count per
    filter choice over the whole table)."""

    paginator = CappedPaginator
    show_full_result_count = False
    show_facets = admin.ShowFacets.NEVER

    def get_changelist(self, request, **kwargs):
        return IndexedChangeList


class WideChangelist:
    """A ModelAdmin mixin: the changelist without the navigation sidebar, for a list whose
    columns need the page's whole width at 1280 px (the sidebar stays on every other page)."""

    def changelist_view(self, request, extra_context=None):
        extra_context = {"is_nav_sidebar_enabled": False, **(extra_context or {})}
        return super().changelist_view(request, extra_context)


class LocalizedNameFilter(admin.RelatedFieldListFilter):
    """A filter by country or region (or another model with ``display_name``) whose choices
    read in the reader's language, as the public pages do: 日本, not Japan."""

    def field_choices(self, field, request, model_admin):
        ordering = self.field_admin_ordering(field, request, model_admin) or ("name",)
        choices = field.related_model._default_manager.order_by(*ordering)
        return [(choice.pk, choice.display_name) for choice in choices]


class IndexedChangeList(ChangeList):
    """A changelist whose every order can be read from an index on (column, id).

    Django breaks ties with "-pk" whatever the column's direction; ordered by (column, id) in
    one direction, one index serves a column both ways (read backwards). Columns left out of
    ``sortable_by`` are not sorted on even when the address asks for it: sorting a million
    rows by a joined table's column cannot use an index."""

    def get_ordering_field(self, field_name):
        if field_name not in self.sortable_by:
            return None
        return super().get_ordering_field(field_name)

    def get_ordering(self, request, queryset):
        ordering = super().get_ordering(request, queryset)
        if len(ordering) > 1 and ordering[-1] == "-pk" and isinstance(ordering[-2], str):
            ordering[-1] = "-pk" if ordering[-2].startswith("-") else "pk"
        return ordering


def removed_editions(seminar_ids):
    """The editions among ``seminar_ids`` whose personal data is removed or being removed,
    read afresh (a removal may have started since the page was opened)."""
    return list(
        Seminar.objects.filter(pk__in=seminar_ids, anonymizing_since__isnull=False).only("title")
    )


def refusal(editions):
    return gettext(
        "The personal data of %(editions)s is removed or being removed: its people can no "
        "longer be changed. Nothing was saved."
    ) % {"editions": ", ".join(str(seminar) for seminar in editions)}


class OpenEditionForm(forms.ModelForm):
    """A form for the people of an edition (delegates, their attendance, roles, delegations)
    that refuses a change, before anything is saved, when the edition's personal data is
    removed or being removed (``registry.retention``): the removal keeps figures counted when
    it began, and would remove the change anyway.

    ``edition_paths`` name the way from the row to its edition ("delegate.seminar"); both the
    row as it was and as the form would make it are checked."""

    edition_paths = ["seminar"]

    def clean(self):
        cleaned = super().clean()
        seminar_ids = set()
        for path in self.edition_paths:
            first, *rest = path.split(".")
            starts = [cleaned.get(first)]
            if self.instance.pk is not None:
                starts.append(getattr(self.instance, first, None))
            for found in starts:
                try:
                    for name in rest:
                        found = getattr(found, name) if found is not None else None
                except ObjectDoesNotExist:
                    found = None
                if found is not None:
                    seminar_ids.add(found.pk)
        if editions := removed_editions(seminar_ids):
            raise ValidationError(refusal(editions))
        return cleaned


def guarded_actions(actions, edition_field):
    """The ``actions`` ``get_actions`` returns, each refusing with a message to act on rows
    of an edition whose personal data is removed or being removed."""

    def guard(function):
        @functools.wraps(function)
        def guarded(admin_instance, request, queryset):
            ids = queryset.order_by().values_list(edition_field, flat=True).distinct()
            if editions := removed_editions(ids):
                admin_instance.message_user(request, refusal(editions), messages.ERROR)
                return None
            return function(admin_instance, request, queryset)

        return guarded

    return {
        name: dataclasses.replace(action, func=guard(action.func))
        for name, action in actions.items()
    }


class GuardedActionsMixin:
    """A model admin whose actions are refused on rows of an edition whose personal data is
    removed or being removed; ``edition_field`` leads from a row to its edition."""

    edition_field = "seminar"

    def get_actions(self, request, action_location=ActionLocation.CHANGE_LIST):
        actions = super().get_actions(request, action_location=action_location)
        return guarded_actions(actions, self.edition_field)


class RowAutocompleteSelect(AutocompleteSelect):
    """An autocomplete that labels its current choice from the row's own related object
    (joined by the inline's queryset) instead of a query per row."""

    current = None

    def optgroups(self, name, value, attr=None):
        chosen = [str(v) for v in value if str(v) not in self.choices.field.empty_values]
        if self.current is None or chosen != [str(self.current.pk)]:
            return super().optgroups(name, value, attr)
        options = [] if self.is_required else [self.create_option(name, "", "", False, 0)]
        options.append(
            self.create_option(name, self.current.pk, str(self.current), set(chosen), len(options))
        )
        return [(None, options, 0)]


class RowAutocompleteForm(forms.ModelForm):
    """Hands each row's related objects to its autocomplete widgets."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk is None:
            return
        for name, field in self.fields.items():
            widget = getattr(field.widget, "widget", field.widget)
            if isinstance(widget, RowAutocompleteSelect):
                widget.current = getattr(self.instance, name)


class RoleForm(RowAutocompleteForm, OpenEditionForm):
    edition_paths = ["session.seminar", "delegate.seminar"]


class RowAutocompleteInline(admin.TabularInline):
    """An inline whose rows' foreign keys (``related``) are joined once and labelled from the
    join: a fixed number of queries however many rows."""

    form = RowAutocompleteForm
    extra = 0
    related = []

    def get_queryset(self, request):
        return super().get_queryset(request).select_related(*self.related)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name in self.autocomplete_fields:
            kwargs["widget"] = RowAutocompleteSelect(db_field, self.admin_site)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


class RoleInline(RowAutocompleteInline):
    """Roles in sessions, shown on a session or on a delegate, in a fixed number of queries."""

    model = SessionRole
    form = RoleForm
    related = ["session", "delegate"]
    # Named outright: an inline given only a verbose_name pluralises it by adding an "s"
    # ("role in a sessions").
    verbose_name_plural = SessionRole._meta.verbose_name_plural


def page_context(model_admin, request, title, **extra):
    """The context of a page the admin serves beside its own (the import, the badges): the
    site's header and links, the model's options for the breadcrumbs, and the title."""
    return {
        **model_admin.admin_site.each_context(request),
        "opts": model_admin.opts,
        "title": title,
        **extra,
    }
