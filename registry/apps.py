"""The registry app: on start, the page cache listens for changes and the checks register."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RegistryConfig(AppConfig):
    name = "registry"
    verbose_name = _("Seminar registry")

    def ready(self):
        from registry import caching, checks  # noqa: F401 (registers the system checks)

        caching.connect_signals()
