"""WSGI entry point, for gunicorn: ``gunicorn seminar.wsgi``."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "seminar.settings")

application = get_wsgi_application()
