"""The public registry's URLs. Pages are served from the public page cache to visitors who
are not signed in (registry.caching), and so are the JSON listings, the schedule files and the
statistics' JSON and CSV; the CSV and JSON downloads of the delegate list stream and are never
kept."""

from django.urls import path

from registry import views
from registry.caching import cached_page

app_name = "registry"

urlpatterns = [
    path("", cached_page(views.Home.as_view()), name="home"),
    path("sessions/", cached_page(views.SessionList.as_view()), name="session_list"),
    path("sessions.ics", cached_page(views.SessionCalendar.as_view()), name="session_calendar"),
    path("sessions.json", cached_page(views.SessionListJson.as_view()), name="session_json"),
    path("schedule.json", cached_page(views.ScheduleJson.as_view()), name="schedule_json"),
    path("schedule.xml", cached_page(views.ScheduleXml.as_view()), name="schedule_xml"),
    path("sessions/<int:pk>/", cached_page(views.session_detail), name="session_detail"),
    path("delegates/", cached_page(views.DelegateList.as_view()), name="delegate_list"),
    path("delegates.json", cached_page(views.DelegateListJson.as_view()), name="delegate_json"),
    path("delegates/export.csv", views.DelegateExport.as_view(), name="delegate_export"),
    path("delegates/export.json", views.DelegateJsonExport.as_view(), name="delegate_json_export"),
    path(
        "delegates/participants/",
        cached_page(views.ParticipantList.as_view()),
        name="participant_list",
    ),
    path("countries/", cached_page(views.CountryList.as_view()), name="country_list"),
    path("countries.json", cached_page(views.CountryListJson.as_view()), name="country_json"),
    path("countries/<str:key>/", cached_page(views.CountryDetail.as_view()), name="country_detail"),
    path("organizations/", cached_page(views.OrganizationList.as_view()), name="organization_list"),
    path(
        "organizations.json",
        cached_page(views.OrganizationListJson.as_view()),
        name="organization_json",
    ),
    path(
        "organizations/<slug:slug>/",
        cached_page(views.OrganizationDetail.as_view()),
        name="organization_detail",
    ),
    path("regimes/", cached_page(views.RegimeList.as_view()), name="regime_list"),
    path("regimes.json", cached_page(views.RegimeListJson.as_view()), name="regime_json"),
    path("regimes/<str:acronym>/", cached_page(views.RegimeDetail.as_view()), name="regime_detail"),
    path("statistics/", cached_page(views.StatisticsPage.as_view()), name="statistics"),
    path("statistics.json", cached_page(views.StatisticsJSON.as_view()), name="statistics_json"),
    path("statistics.csv", cached_page(views.StatisticsCSV.as_view()), name="statistics_csv"),
]
