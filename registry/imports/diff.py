"""What a row changes on a stored delegate, as people read it in the preview and the report."""

from django.utils.translation import gettext

from registry.imports.headers import FIELDS
from registry.imports.parsing import CHOICE_FIELDS, TEXT_FIELDS
from registry.imports.reference import squash
from registry.models import Delegate


def set_values(delegate, values, reference):
    """Set a row's ``values`` (by field) on ``delegate``, and return what changed as
    field → (old, new), both as people read them (``reference`` names countries and
    organizations). A field the row leaves empty (not in ``values``) keeps what is stored."""
    changes = {}
    for name in FIELDS:
        if name in values and not _same(delegate, name, values[name]):
            old = display(delegate, name, reference)
            setattr(delegate, name, values[name])
            changes[name] = (old, display(delegate, name, reference))
    return changes


def _same(delegate, name, new):
    if name == "country":
        return delegate.country_id == new.pk
    if name == "organization":
        return new.pk is not None and delegate.organization_id == new.pk
    if name == "delegation":
        return delegate.delegation_id == (new.pk if new else None)
    if name == "full_name" or name in TEXT_FIELDS:
        # Spacing the registry does not keep anyway is no change.
        return squash(getattr(delegate, name)) == new
    return getattr(delegate, name) == new


def field_label(name):
    """A delegate field's name as people read it ("e-mail", not ``email``), in their language."""
    return Delegate._meta.get_field(name).verbose_name


def display(delegate, name, reference):
    """A field's value on ``delegate`` as people read it."""
    if name == "country":
        return reference.country_name(delegate.country_id)
    if name == "organization":
        return reference.organization_name(delegate)
    if name == "delegation":
        return reference.delegation_name(delegate.delegation_id)
    if name == "listed":
        return gettext("yes") if delegate.listed else gettext("no")
    if name in CHOICE_FIELDS:
        return getattr(delegate, f"get_{name}_display")()
    return getattr(delegate, name)
