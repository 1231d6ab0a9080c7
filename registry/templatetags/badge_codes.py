"""``{{ delegate.badge_code|qr_code }}``: a badge code drawn as a QR code (inline SVG)."""

from django import template
from django.utils.safestring import mark_safe

from registry.badges import qr_svg

register = template.Library()


@register.filter
def qr_code(code):
    # segno writes the SVG from the code alone, which holds letters and digits only.
    return mark_safe(qr_svg(code)) if code else ""
