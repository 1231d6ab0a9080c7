"""The public registry's URLs."""

from django.urls import path

from registry import views

app_name = "registry"

urlpatterns = [
    path("", views.home, name="home"),
    path("sessions/", views.SessionList.as_view(), name="session_list"),
    path("sessions.ics", views.session_calendar, name="session_calendar"),
    path("sessions/<int:pk>/", views.session_detail, name="session_detail"),
    path("delegates/", views.DelegateList.as_view(), name="delegate_list"),
    path("delegates/export.csv", views.delegate_export, name="delegate_export"),
    path("delegates/participants/", views.ParticipantList.as_view(), name="participant_list"),
    path("countries/", views.CountryList.as_view(), name="country_list"),
    path("countries/<str:key>/", views.country_detail, name="country_detail"),
    path("organizations/", views.OrganizationList.as_view(), name="organization_list"),
    path("organizations/<slug:slug>/", views.organization_detail, name="organization_detail"),
    path("regimes/", views.regime_list, name="regime_list"),
    path("regimes/<str:acronym>/", views.regime_detail, name="regime_detail"),
]
