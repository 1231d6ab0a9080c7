"""What an organizer's correction in the admin changed, written to the delegation's history."""

from django.core.exceptions import FieldDoesNotExist
from django.utils.formats import localize
from django.utils.translation import gettext

from registry.models import Actor, Delegate, Delegation, NominationEvent


def shown(instance, name):
    """A field's value on ``instance`` as people read it."""
    field = instance._meta.get_field(name)
    value = getattr(instance, name)
    if field.choices:
        return str(getattr(instance, f"get_{name}_display")())
    if isinstance(value, bool):
        return gettext("yes") if value else gettext("no")
    if value is None or value == "":
        return "—"
    return str(localize(value))


def form_changes(before, after, form):
    """field name → [before, after] for each model field the form changed, the values as
    people read them (the name is read in the reader's language: :func:`field_label`)."""
    names = [
        name
        for name in form.changed_data
        if any(field.name == name for field in after._meta.concrete_fields)
    ]
    return {name: [shown(before, name), shown(after, name)] for name in names}


def record_correction(request, before, after, form, *, delegation, delegate=None):
    """An "edited" event in ``delegation``'s history by the organizer, when the form changed
    anything; ``before`` is the record as stored before the save."""
    changes = form_changes(before, after, form)
    if delegation is None or not changes:
        return None
    return NominationEvent.objects.create(
        delegation=delegation,
        delegate=delegate,
        action=NominationEvent.Action.EDITED,
        actor_kind=Actor.ORGANIZER,
        actor=request.user.get_username(),
        changes=changes,
    )


def field_label(name):
    """A field of the history's changes in the reader's language, where it is a delegate's or
    a delegation's field; as stored otherwise."""
    for model in (Delegate, Delegation):
        try:
            return str(model._meta.get_field(name).verbose_name)
        except FieldDoesNotExist:
            continue
    return name
