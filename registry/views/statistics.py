"""The statistics across editions: the page, with its chart and tables, and the same figures
as JSON and as CSV (``docs/statistics.md`` describes both shapes). A figure of fewer than 3
people is never given: "fewer than 3" on the page, ``null`` in the JSON, ``<3`` in the CSV."""

import csv
import io
import json

from django.http import HttpResponse
from django.utils.translation import gettext as _
from django.views.generic import View

from registry import statistics
from registry.statistics import SMALL_CELL
from registry.views.base import SeminarMixin, SeminarPage

# The version of the JSON download's shape: a change that could break a reader makes it 2.
VERSION = 1
CSV_HEADER = ["edition", "table", "row", "label", "count", "listing"]
# The count the CSV gives for a figure that is not given.
CSV_HIDDEN = f"<{SMALL_CELL}"
# The editions' own figures, as the CSV names them: (row, attribute, label).
EDITION_FIGURES = [
    ("participants", "participants", lambda: _("Participants")),
    ("countries_and_regions", "countries", lambda: _("Countries and regions taking part")),
    (
        "returning_countries_and_regions",
        "returning",
        lambda: _("Returning from the edition before"),
    ),
    ("registered", "registered", lambda: _("Registered")),
    ("attended", "attended", lambda: _("Attended")),
]
# The downloads may be read by pages elsewhere (no credentials: the figures are public).
CROSS_ORIGIN = {"Access-Control-Allow-Origin": "*"}


def participant_bars(found):
    """Rows of the bar chart of participants per edition: a hidden figure draws no bar."""
    largest = max([f.participants.count or 0 for f in found.editions] + [1])
    return [
        {
            "label": statistics.edition_label(figures.seminar),
            "value": figures.participants.count
            if not figures.participants.hidden
            else _("fewer than %(count)s") % {"count": SMALL_CELL},
            "width": round(100 * (figures.participants.count or 0) / largest),
        }
        for figures in found.editions
    ]


class StatisticsMixin(SeminarMixin):
    """The statistics of the editions shown: every real one, and the one ``?seminar=`` names
    when it is synthetic."""

    def figures(self):
        return statistics.statistics(statistics.shown_editions(self.seminar))


class StatisticsPage(StatisticsMixin, SeminarPage):
    template_name = "registry/statistics.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        found = self.figures()
        labels = [statistics.edition_label(figures.seminar) for figures in found.editions]
        for table in found.tables:
            for row in table.rows:
                # Each cell with its edition, which a phone shows beside it.
                row.labelled = list(zip(labels, row.cells, strict=True))
        context.update(
            statistics=found,
            edition_labels=labels,
            participant_bars=participant_bars(found),
            fewer_than=SMALL_CELL,
            attendance_recorded=any(f.attended is not None for f in found.editions),
        )
        return context


def cell_data(cell, absolute):
    if cell is None:
        return None
    return {"count": cell.count, "listing": absolute(cell.link) if cell.link else None}


def edition_data(figures, absolute):
    seminar = figures.seminar
    return {
        "number": seminar.number,
        "title": seminar.title,
        "start_date": seminar.start_date.isoformat(),
        "end_date": seminar.end_date.isoformat(),
        "synthetic": seminar.synthetic,
        "reported_participants": seminar.reported_participants,
        "participants": cell_data(figures.participants, absolute),
        "countries_and_regions": cell_data(figures.countries, absolute),
        "returning_countries_and_regions": cell_data(figures.returning, absolute),
        "registered": cell_data(figures.registered, absolute),
        "attended": cell_data(figures.attended, absolute),
    }


def as_data(found, absolute):
    """The statistics as the JSON download gives them: keys the same in every language,
    labels and titles in the request's. ``absolute`` makes a listing's path a full address."""
    numbers = [figures.seminar.number for figures in found.editions]
    tables = [
        {
            "key": table.key,
            "title": table.title,
            "rows": [
                {
                    "key": row.key,
                    "label": row.label,
                    "cells": [
                        {"edition": number, **cell_data(cell, absolute)}
                        for number, cell in zip(numbers, row.cells, strict=True)
                    ],
                }
                for row in table.rows
            ],
        }
        for table in found.tables
    ]
    return {
        "version": VERSION,
        "fewer_than": SMALL_CELL,
        "editions": [edition_data(figures, absolute) for figures in found.editions],
        "tables": tables,
    }


def csv_rows(found, absolute):
    """The statistics as the CSV download's rows, after ``CSV_HEADER``: one figure a row, the
    editions' own figures first (table ``editions``), then every table's cells."""

    def line(number, table, key, label, cell):
        count = CSV_HIDDEN if cell.hidden else cell.count
        return [number, table, key, label, count, absolute(cell.link) if cell.link else ""]

    for figures in found.editions:
        for key, attribute, label in EDITION_FIGURES:
            cell = getattr(figures, attribute)
            if cell is not None:  # no edition before it recorded, no attendance recorded
                yield line(figures.seminar.number, "editions", key, label(), cell)
    numbers = [figures.seminar.number for figures in found.editions]
    for table in found.tables:
        for row in table.rows:
            for number, cell in zip(numbers, row.cells, strict=True):
                yield line(number, table.key, row.key, row.label, cell)


class StatisticsJSON(StatisticsMixin, View):
    http_method_names = ["get", "head"]

    def get(self, request, *args, **kwargs):
        data = as_data(self.figures(), request.build_absolute_uri)
        body = json.dumps(data, ensure_ascii=False, indent=1)
        return HttpResponse(body, content_type="application/json", headers=CROSS_ORIGIN)


class StatisticsCSV(StatisticsMixin, View):
    http_method_names = ["get", "head"]

    def get(self, request, *args, **kwargs):
        out = io.StringIO()
        writer = csv.writer(out)
        writer.writerow(CSV_HEADER)
        writer.writerows(csv_rows(self.figures(), request.build_absolute_uri))
        return HttpResponse(
            out.getvalue(),
            content_type="text/csv; charset=utf-8",
            headers={
                **CROSS_ORIGIN,
                "Content-Disposition": 'attachment; filename="statistics.csv"',
            },
        )
