"""The public registry's pages."""

from django.shortcuts import render

from registry.models import Seminar


def home(request):
    """The latest edition at a glance."""
    seminar = Seminar.objects.select_related("organizer").latest_edition()
    return render(request, "registry/home.html", {"seminar": seminar})
