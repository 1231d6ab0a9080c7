"""The project package of the seminar registry: settings, URLs and the WSGI entry point."""
