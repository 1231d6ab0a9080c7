"""The home page: the edition at a glance, with its participation drawn as bar charts."""

from registry import queries
from registry.views.base import SeminarPage


def bars(rows, key):
    """Rows of a server-drawn bar chart: label, value, and the bar's length in percent of the
    longest."""
    largest = max([row[key] for row in rows] + [1])
    return [
        {"label": row["label"], "value": row[key], "width": round(100 * row[key] / largest)}
        for row in rows
    ]


class Home(SeminarPage):
    """The edition at a glance (the latest by default), with its participation in figures."""

    template_name = "registry/home.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        if not self.seminar:
            return context
        by_region = queries.participation_by_region(self.seminar)
        by_kind = queries.participation_by_kind(self.seminar)
        region_bars = bars([row for row in by_region if row["countries"]], "countries")
        kind_bars = bars(by_kind, "organizations")
        context.update(
            co_organizers=self.seminar.co_organizers.all(),
            by_region=by_region,
            by_kind=by_kind,
            region_bars=region_bars,
            kind_bars=kind_bars,
            delegate_count=sum(row["delegates"] for row in by_region),
            country_count=sum(row["countries"] for row in by_region),
            organization_count=sum(row["organizations"] for row in by_kind),
        )
        return context
