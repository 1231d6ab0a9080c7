"""What an import would do, row by row: the plan :func:`~registry.imports.read_delegates` makes,
and what :func:`~registry.imports.apply_plan` reports having written."""

from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy

from registry.models import Delegate, Organization, Seminar

NEW, UPDATE, UNCHANGED, ERROR = "new", "update", "unchanged", "error"
# A row that may be a delegate registered with another e-mail address, until the organizer
# chooses to UPDATE that delegate or add a NEW one (the choices are those two outcomes).
DUPLICATE = "duplicate"
DUPLICATE_CHOICES = (UPDATE, NEW)

# How each outcome reads in the preview.
OUTCOME_LABELS = {
    NEW: gettext_lazy("new"),
    UPDATE: gettext_lazy("update"),
    UNCHANGED: gettext_lazy("unchanged"),
    ERROR: gettext_lazy("error"),
    DUPLICATE: gettext_lazy("possible duplicate"),
}


@dataclass(frozen=True)
class StoredDelegate:
    """A registered delegate as the preview shows it beside a row."""

    pk: int
    name: str
    email: str
    country: str = ""
    organization: str = ""


@dataclass
class PossibleDuplicate:
    """The registered delegates a row's name and country match, each with another e-mail
    address; ``changes`` is what updating the one of them with the row would change (field →
    (old, new) as people read them), and ``choice`` the organizer's (UPDATE, NEW or None).
    Only a row matching one delegate can update it."""

    delegates: list[StoredDelegate]
    changes: dict[str, tuple[str, str]] = field(default_factory=dict)
    choice: str | None = None

    @property
    def can_update(self):
        return len(self.delegates) == 1


@dataclass
class RowOutcome:
    """What importing one row of the file does.

    ``changes`` maps a field to its (old, new) value as people read it, for updates; ``errors``
    holds (column header as in the file, message) pairs, the header empty for the whole row;
    ``warnings`` likewise what to check, which does not keep the row from importing (a
    workbook's cell read as a number or a date).
    """

    row_number: int
    outcome: str
    name: str
    country: str = ""
    organization: str = ""
    changes: dict[str, tuple[str, str]] = field(default_factory=dict)
    errors: list[tuple[str, str]] = field(default_factory=list)
    delegation: str = ""
    warnings: list[tuple[str, str]] = field(default_factory=list)
    duplicate: PossibleDuplicate | None = None

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
        counts = dict.fromkeys((NEW, UPDATE, UNCHANGED, ERROR, DUPLICATE), 0)
        for row in self.rows:
            counts[row.outcome] += 1
        return counts

    @property
    def has_errors(self) -> bool:
        return any(row.outcome == ERROR for row in self.rows)

    @property
    def flagged(self) -> list[int]:
        """The numbers of the rows with cells to check (:attr:`RowOutcome.warnings`)."""
        return [row.row_number for row in self.rows if row.warnings]

    @property
    def undecided(self) -> list[int]:
        """The numbers of the rows that are possible duplicates nobody chose for yet."""
        return [row.row_number for row in self.rows if row.outcome == DUPLICATE]

    @property
    def duplicates(self) -> list[RowOutcome]:
        """The rows that are possible duplicates, decided or not."""
        return [row for row in self.rows if row.duplicate is not None]


@dataclass(frozen=True)
class ImportResult:
    created: int
    updated: int
    unchanged: int
    organizations_created: list[str] = field(default_factory=list)
    # The ids of the organizations created, for links to correct their kind.
    organization_ids: list[int] = field(default_factory=list)
