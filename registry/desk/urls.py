"""The registration desk's URLs, under /desk/: never cached, never among the public pages."""

from django.urls import path

from registry.desk import views

app_name = "desk"

urlpatterns = [
    path("", views.check_in, name="check_in"),
    path("scans/<int:pk>/undo/", views.undo, name="undo"),
    path("figures/", views.live_figures, name="figures"),
    path("figures.csv", views.figures_csv, name="figures_csv"),
]
