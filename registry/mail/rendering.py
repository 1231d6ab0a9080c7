"""An e-mail's subject and body from its pair of templates, in the recipient's language.

``registry/email/<name>_subject.txt`` and ``registry/email/<name>.txt`` are plain text: they
are rendered without HTML escaping ("Trinidad & Tobago" stays as written), and the subject's
lines and spaces run together into one line, as a mail header must be."""

from django.conf import settings
from django.template import Context, Engine
from django.utils import translation

TEMPLATE_FOLDER = "registry/email"


def render_email(template, context, language):
    """The subject and body of e-mail ``template`` with ``context``, in ``language`` (one of
    ``settings.LANGUAGES``)."""
    if language not in dict(settings.LANGUAGES):
        raise ValueError(f"{language!r} is not one of the site's languages.")
    engine = Engine.get_default()
    with translation.override(language):
        subject, body = (
            engine.get_template(f"{TEMPLATE_FOLDER}/{name}.txt").render(
                Context(context, autoescape=False)
            )
            for name in (f"{template}_subject", template)
        )
    return " ".join(subject.split()), body.strip() + "\n"
