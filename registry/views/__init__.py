"""The public registry's pages: the latest edition at a glance, filtered listings of sessions,
delegates, countries, organizations and regimes, their detail pages, and the CSV and calendar
exports of what the listings show.

Every listing shows one edition: the latest, or the one ``?seminar=<number>`` names.
:class:`~registry.views.base.SeminarMixin` chooses it for every view that shows one: the pages
(``SeminarPage``; ``Listing`` and ``DelegatePage`` filter its rows, ``DelegatesOfPage`` shows a
country's or an organization's delegates) and the exports (``SeminarExport``).

- ``base``: choosing the edition, the filtered and paginated listing;
- ``home``: the edition at a glance;
- ``listings``: the five listings and the printed List of Participants;
- ``details``: a session's, a country's, an organization's and a regime's page;
- ``exports``: the delegate list as CSV, the programme as a calendar;
- ``opendata``: each listing as JSON, the delegate list as one JSON file, the programme in the
  conference-schedule format (JSON and XML).
- ``statistics``: the statistics across editions, as a page, JSON and CSV.
"""

from registry.views.base import PAGE_SIZE, Listing, SeminarMixin, SeminarPage, choose_seminar
from registry.views.details import (
    CountryDetail,
    DelegatesOfPage,
    OrganizationDetail,
    RegimeDetail,
    session_detail,
)
from registry.views.exports import DelegateExport, SessionCalendar
from registry.views.home import Home
from registry.views.listings import (
    CountryList,
    DelegateList,
    DelegatePage,
    OrganizationList,
    ParticipantList,
    RegimeList,
    SessionList,
)
from registry.views.opendata import (
    CountryListJson,
    DelegateJsonExport,
    DelegateListJson,
    OrganizationListJson,
    RegimeListJson,
    ScheduleJson,
    ScheduleXml,
    SessionListJson,
)
from registry.views.statistics import StatisticsCSV, StatisticsJSON, StatisticsPage

__all__ = [
    "PAGE_SIZE",
    "CountryDetail",
    "CountryList",
    "CountryListJson",
    "DelegateExport",
    "DelegateJsonExport",
    "DelegateList",
    "DelegateListJson",
    "DelegatePage",
    "DelegatesOfPage",
    "Home",
    "Listing",
    "OrganizationDetail",
    "OrganizationList",
    "OrganizationListJson",
    "ParticipantList",
    "RegimeDetail",
    "RegimeList",
    "RegimeListJson",
    "ScheduleJson",
    "ScheduleXml",
    "SeminarMixin",
    "SeminarPage",
    "SessionCalendar",
    "SessionList",
    "SessionListJson",
    "StatisticsCSV",
    "StatisticsJSON",
    "StatisticsPage",
    "choose_seminar",
    "session_detail",
]
