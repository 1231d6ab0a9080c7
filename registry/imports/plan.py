"""What an import would do, row by row: the plan :func:`~registry.imports.read_delegates` makes,
and what :func:`~registry.imports.apply_plan` reports having written."""

from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy

from registry.models import Delegate, Organization, Seminar

NEW, UPDATE, UNCHANGED, ERROR = "new", "update", "unchanged", "error"

# How each outcome reads in the preview.
OUTCOME_LABELS = {
    NEW: gettext_lazy("new"),
    UPDATE: gettext_lazy("update"),
    UNCHANGED: gettext_lazy("unchanged"),
    ERROR: gettext_lazy("error"),
}


@dataclass
class RowOutcome:
    """What importing one row of the file does.

    ``changes`` maps a field to its (old, new) value as people read it, for updates; ``errors``
    holds (column header as in the file, message) pairs, the header empty for the whole row.
    """

    row_number: int
    outcome: str
    name: str
    country: str = ""
    organization: str = ""
    changes: dict[str, tuple[str, str]] = field(default_factory=dict)
    errors: list[tuple[str, str]] = field(default_factory=list)

    @property
    def outcome_label(self):
        return OUTCOME_LABELS[self.outcome]


@dataclass
class ImportPlan:
    """Everything an import would do, row by row, before anything is written.

    ``columns`` maps each recognised field to its header in the file; ``missing_organizations``
    names the organizations rows refer to that the registry does not have (when they are not
    to be created).
    """

    seminar: Seminar
    rows: list[RowOutcome] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    organizations_to_create: list[str] = field(default_factory=list)
    missing_organizations: list[str] = field(default_factory=list)
    columns: dict[str, str] = field(default_factory=dict)
    # What apply_plan writes: unsaved organizations and delegates, and the changed delegates
    # with the fields that changed.
    new_organizations: list[Organization] = field(default_factory=list, repr=False)
    new_delegates: list[Delegate] = field(default_factory=list, repr=False)
    changed_delegates: list[Delegate] = field(default_factory=list, repr=False)
    changed_fields: set[str] = field(default_factory=set, repr=False)
    applied: bool = field(default=False, repr=False)

    @property
    def counts(self) -> dict[str, int]:
        """How many rows have each outcome, every outcome present."""
        counts = dict.fromkeys((NEW, UPDATE, UNCHANGED, ERROR), 0)
        for row in self.rows:
            counts[row.outcome] += 1
        return counts

    @property
    def has_errors(self) -> bool:
        return any(row.outcome == ERROR for row in self.rows)


@dataclass(frozen=True)
class ImportResult:
    created: int
    updated: int
    unchanged: int
    organizations_created: list[str] = field(default_factory=list)
