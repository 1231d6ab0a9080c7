"""Small readers for settings taken from the environment."""

import os

from django.core.exceptions import ImproperlyConfigured

TRUE_WORDS = {"1", "true", "yes", "on"}
FALSE_WORDS = {"0", "false", "no", "off", ""}


def env_str(name, default=""):
    return os.environ.get(name, default).strip()


def env_flag(name, *, default):
    """Read a yes/no variable; anything that is neither is refused, not guessed."""
    raw = os.environ.get(name)
    if raw is None:
        return default
    word = raw.strip().lower()
    if word in TRUE_WORDS:
        return True
    if word in FALSE_WORDS:
        return False
    raise ImproperlyConfigured(f"{name}={raw!r} is not a yes/no value (use 1 or 0).")


def env_list(name):
    """A comma-separated list, blanks dropped."""
    return [item.strip() for item in env_str(name).split(",") if item.strip()]


def env_int(name, *, default):
    """A whole number of at least zero; anything else is refused, not guessed."""
    raw = env_str(name)
    if not raw:
        return default
    if not raw.isdigit():
        raise ImproperlyConfigured(f"{name}={raw!r} is not a whole number.")
    return int(raw)
