"""The registration desk's URLs, under /desk/: never cached, never among the public pages."""

from django.urls import path

from registry.desk import check_in, live

app_name = "desk"

urlpatterns = [
    path("", check_in.check_in, name="check_in"),
    path("sessions/<int:pk>/", check_in.check_in, name="session_check_in"),
    path("scan/", check_in.scan_json, name="scan"),
    path("scans/<int:pk>/undo/", check_in.undo, name="undo"),
    path("figures/", live.live_figures, name="figures"),
    path("figures.csv", live.figures_csv, name="figures_csv"),
]
