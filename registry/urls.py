"""The public registry's URLs. Pages are served from the public page cache to visitors who
are not signed in (registry.caching); the CSV export streams and is never kept. The statistics'
JSON and CSV are kept as the pages are."""

from django.urls import path

from registry import views
from registry.caching import cached_page

app_name = "registry"

urlpatterns = [
    path("", cached_page(views.Home.as_view()), name="home"),
    path("sessions/", cached_page(views.SessionList.as_view()), name="session_list"),
    path("sessions.ics", cached_page(views.SessionCalendar.as_view()), name="session_calendar"),
    path("sessions/<int:pk>/", cached_page(views.session_detail), name="session_detail"),
    path("delegates/", cached_page(views.DelegateList.as_view()), name="delegate_list"),
    path("delegates/export.csv", views.DelegateExport.as_view(), name="delegate_export"),
    path(
        "delegates/participants/",
        cached_page(views.ParticipantList.as_view()),
        name="participant_list",
    ),
    path("countries/", cached_page(views.CountryList.as_view()), name="country_list"),
    path("countries/<str:key>/", cached_page(views.CountryDetail.as_view()), name="country_detail"),
    path("organizations/", cached_page(views.OrganizationList.as_view()), name="organization_list"),
    path(
        "organizations/<slug:slug>/",
        cached_page(views.OrganizationDetail.as_view()),
        name="organization_detail",
    ),
    path("regimes/", cached_page(views.RegimeList.as_view()), name="regime_list"),
    path("regimes/<str:acronym>/", cached_page(views.RegimeDetail.as_view()), name="regime_detail"),
    path("statistics/", cached_page(views.StatisticsPage.as_view()), name="statistics"),
    path("statistics.json", cached_page(views.StatisticsJSON.as_view()), name="statistics_json"),
    path("statistics.csv", cached_page(views.StatisticsCSV.as_view()), name="statistics_csv"),
]
