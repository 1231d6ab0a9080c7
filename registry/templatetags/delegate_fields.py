"""``{{ name|field_label }}``: a delegate field's name as people read it, in their language."""

from django import template
from django.utils.text import capfirst

from registry.imports.diff import field_label as label

register = template.Library()


@register.filter
def field_label(name):
    return capfirst(label(name))
