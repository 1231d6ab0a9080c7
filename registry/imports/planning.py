"""Planning an import: what each row of a file would do to the registry, written nowhere yet.

:func:`read_delegates` reads the file (:mod:`~registry.imports.reading`) and hands each row to a
:class:`Planner`, which asks its collaborators and writes the plan, in one place:

- :class:`~registry.imports.reference.ReferenceData`: countries and organizations, read once;
- :class:`~registry.imports.parsing.RowParser`: the row's cells as field values and errors;
- :class:`~registry.imports.matching.People`: the delegate the row is, if registered;
- :class:`~registry.imports.matching.Organizations`: the organization its cell names;
- :func:`~registry.imports.diff.set_values`: what an update changes.

The registry is read in four queries (countries, organizations, the seminar's delegations and
its delegates), however long the file; possible duplicates are found among the delegates read.

Each row goes to a delegation of the seminar: the one its ``delegation`` column names (or
none, written "none"); without that column, the one its international organization or else its
country has (:meth:`~registry.imports.reference.ReferenceData.delegation_for`), or none. A
registered delegate keeps theirs unless the row moves them to another country or organization.
"""

import copy

from django.utils.translation import gettext

from registry.imports.diff import set_values
from registry.imports.matching import FOUND, MISSING, TO_CREATE, Organizations, People
from registry.imports.parsing import RowParser, too_long
from registry.imports.plan import (
    DUPLICATE,
    ERROR,
    NEW,
    UNCHANGED,
    UPDATE,
    ImportPlan,
    PossibleDuplicate,
    RowOutcome,
    StoredDelegate,
)
from registry.imports.reading import MAX_ROWS, read_table
from registry.imports.reference import ReferenceData
from registry.imports.scope import DelegationScope
from registry.imports.template import is_example, skipped_example
from registry.models import Delegate, Organization, Seminar

# A row with an error in one of these cannot be told to be anyone.
IDENTITY_FIELDS = {"full_name", "family_name", "given_name", "email", "country"}


def read_delegates(
    data: bytes,
    seminar: Seminar,
    *,
    create_organizations: bool = False,
    duplicate_choices: dict[int, str] | None = None,
    on_duplicate: str | None = None,
    max_rows: int = MAX_ROWS,
    delegation=None,
) -> ImportPlan:
    """Plan importing ``data`` (bytes: a CSV file or an .xlsx workbook) into ``seminar``'s
    delegates, writing nothing.

    Every row's problems are collected, so the preview shows them all at once. Raises
    :class:`~registry.imports.reading.ImportFileError` when the file as a whole cannot be read,
    or holds more than ``max_rows`` rows (blank lines and the header not counted). With
    ``create_organizations``, organizations the registry lacks are planned (kind "other", the
    row's country), once per name and country.

    A row whose name and country are those of a registered delegate with another e-mail
    address is a possible duplicate: it updates that delegate or adds a new one as
    ``duplicate_choices`` (row number → UPDATE or NEW) says, else as ``on_duplicate`` says;
    with neither, its outcome is DUPLICATE and the plan cannot be written. The template's
    example row (:mod:`~registry.imports.template`) is skipped, with a warning.

    With ``delegation``, the import is its focal point's: held to that delegation and its quota
    (:mod:`~registry.imports.scope`).
    """
    table = read_table(data, max_rows)
    plan = ImportPlan(
        seminar=seminar,
        warnings=table.warnings,
        columns={name: header for name, (_, header) in table.columns.items()},
    )
    choices = duplicate_choices or {}
    planner = Planner(plan, table.columns, create_organizations)
    if delegation is not None:
        planner.scope = DelegationScope(delegation, plan)
    for row_number, cells in table.rows:
        raw = planner.parser.cells(cells)
        if is_example(raw):
            plan.warnings.append(skipped_example(row_number))
            continue
        choice = choices.get(row_number, on_duplicate)
        kinds = table.kinds.get(row_number, {})
        plan.rows.append(planner.plan_row(row_number, raw, choice, kinds))
    return plan


class Planner:
    """Plans the rows of one file, whose ``columns`` map each field to (index, header), into
    ``plan``: the one place the plan is written."""

    def __init__(self, plan, columns, create_organizations):
        self.plan = plan
        self.columns = columns
        # Errors about the name go to the name column, or to the family name's without one.
        self.name_field = "full_name" if "full_name" in columns else "family_name"
        self.reference = ReferenceData(plan.seminar)
        self.parser = RowParser(columns, self.reference)
        self.organizations = Organizations(self.reference, create_organizations)
        self.people = People(plan.seminar)
        self.scope = None  # a focal point's import: a DelegationScope

    def plan_row(self, row_number, raw, choice=None, kinds=None):
        """What row ``row_number`` (its cell text by field, ``raw``) does, a possible duplicate
        as ``choice`` says; the plan learns what to write. ``kinds`` are the row's workbook
        cells that held no text (cell index → kind), each a warning on its column."""
        outcome = self._plan_row(row_number, raw, choice)
        outcome.warnings = [
            (self._header(name), message)
            for name, message in self.parser.cell_warnings(raw, kinds or {})
        ]
        return outcome

    def _plan_row(self, row_number, raw, choice):
        values, errors = self.parser.parse(raw)
        person, is_new = self._identify(values, errors)
        namesakes = self._namesakes(values, errors) if is_new else []
        if namesakes and choice == UPDATE and len(namesakes) == 1:
            person, is_new = namesakes[0], False
        elif namesakes and choice == UPDATE:
            errors.append((self.name_field, self._several_namesakes(values)))
        if (text := raw.get("organization")) and "country" not in {n for n, _ in errors}:
            self._set_organization(text, person, values, errors)
        self._set_delegation(person, is_new, values, errors)
        if self.scope is not None:
            self.scope.check(person, is_new, values, errors)
        if is_new:
            person = Delegate(seminar=self.plan.seminar, **values)
        if person is not None:
            self.people.claim(person, row_number)
        if errors:
            return self._error(row_number, raw, values, errors, person)
        if namesakes and choice not in (UPDATE, NEW):
            # Undecided: the row is shown as it would be added, and nothing is planned.
            outcome = self._outcome(row_number, DUPLICATE, person)
        elif is_new:
            outcome = self._plan_new(row_number, person)
        else:
            outcome = self._plan_update(row_number, person, values)
        if namesakes:
            outcome.duplicate = self._possible_duplicate(namesakes, values, choice)
        return outcome

    def _identify(self, values, errors):
        """The registered delegate the row is (or None) and whether it is a new one; adds to
        ``errors`` why the row is neither."""
        person, is_new, found = None, False, []
        if not any(name in IDENTITY_FIELDS for name, _ in errors):
            found, by = self.people.find(
                values.get("full_name"), values.get("email"), values.get("country")
            )
            if len(found) > 1:
                errors.append(
                    (
                        self.name_field,
                        gettext(
                            "Several delegates of this seminar match “%(name)s”; "
                            "add their e-mail addresses to tell them apart."
                        )
                        % {"name": values["full_name"]},
                    )
                )
            elif found and (row := self.people.claimed_row(found[0])) is not None:
                errors.append((by, gettext("Same person as row %(row)s.") % {"row": row}))
            elif found:
                person = found[0]
            elif "full_name" in values:
                is_new = True
        # Without a name a row can only update someone found by e-mail, keeping their name.
        name_errors = any(name in ("full_name", self.name_field) for name, _ in errors)
        if not found and "full_name" not in values and not name_errors:
            errors.append((self.name_field, gettext("The name is missing.")))
        return person, is_new

    def _namesakes(self, values, errors):
        """The registered delegates a new row with an e-mail address may be all the same (see
        :meth:`~registry.imports.matching.People.namesakes`)."""
        if errors or not values.get("email"):
            return []
        return self.people.namesakes(values["full_name"], values["email"], values.get("country"))

    def _several_namesakes(self, values):
        return gettext(
            "Several delegates of this seminar called “%(name)s” have other e-mail addresses: "
            "to update one of them, give its e-mail address in the file."
        ) % {"name": values["full_name"]}

    def _possible_duplicate(self, namesakes, values, choice):
        """The row's :class:`PossibleDuplicate`: whom it may be, and what updating them with
        the row would change (worked out on a copy: the preview shows it before any choice)."""
        changes = {}
        if len(namesakes) == 1:
            changes = set_values(copy.copy(namesakes[0]), values, self.reference)
        delegates = [
            StoredDelegate(
                pk=delegate.pk,
                name=delegate.full_name,
                email=delegate.email,
                country=self.reference.country_name(delegate.country_id),
                organization=self.reference.organization_name(delegate),
            )
            for delegate in namesakes
        ]
        return PossibleDuplicate(delegates, changes, choice if choice in (UPDATE, NEW) else None)

    def _set_organization(self, text, person, values, errors):
        """Put the organization ``text`` names in ``values``, or why not in ``errors``; a
        registered delegate's country decides when the row names none."""
        limit = Organization._meta.get_field("name").max_length
        if len(text) > limit:
            errors.append(("organization", too_long(limit, text)))
            return
        country = values.get("country")
        if country is None and person is not None:
            country = self.reference.countries_by_id.get(person.country_id)
        match = self.organizations.find(text, country, person.organization_id if person else None)
        if match.status == FOUND:
            values["organization"] = match.organization
        elif match.status == TO_CREATE:
            organization = self.organizations.add(match)
            self.plan.new_organizations.append(organization)
            label = f"{organization} – {country.name}" if country else str(organization)
            self.plan.organizations_to_create.append(label)
            values["organization"] = organization
        else:
            if match.status == MISSING and text not in self.plan.missing_organizations:
                self.plan.missing_organizations.append(text)
            errors.append(("organization", match.error))

    def _set_delegation(self, person, is_new, values, errors):
        """Put in ``values`` the delegation the row goes to, unless its delegation column
        named one (or none) or a registered delegate stays where they are."""
        if "delegation" in values or any(name == "delegation" for name, _ in errors):
            return
        country, organization = values.get("country"), values.get("organization")
        if not is_new:
            if person is None:
                return
            moved = (country is not None and country.pk != person.country_id) or (
                organization is not None and organization.pk != person.organization_id
            )
            if not moved:
                return
            if country is None:
                country = self.reference.countries_by_id.get(person.country_id)
            if organization is None:
                organization = self.reference.organization(person.organization_id)
        values["delegation"] = self.reference.delegation_for(country, organization)

    def _error(self, row_number, raw, values, errors, person):
        order = {name: index for name, (index, _) in self.columns.items()}
        errors.sort(key=lambda error: order.get(error[0], order.get(self.name_field, 0)))
        country, delegation = values.get("country"), values.get("delegation")
        return RowOutcome(
            row_number=row_number,
            outcome=ERROR,
            name=values.get("full_name") or (person.full_name if person else ""),
            country=country.name if country else raw.get("country", ""),
            organization=raw.get("organization", ""),
            delegation=self.reference.delegation_name(delegation.pk if delegation else None),
            errors=[(self._header(name), message) for name, message in errors],
        )

    def _header(self, name):
        """The file's header for the column an error about ``name`` goes to."""
        if name is None:
            return ""
        name = name if name in self.columns else self.name_field
        return self.columns[name][1]

    def _plan_new(self, row_number, delegate):
        delegate.slug = self.people.take_slug(delegate.full_name)
        delegate.follow_names()
        if self.scope is not None:
            self.scope.nominate(delegate)
        self.plan.new_delegates.append(delegate)
        return self._outcome(row_number, NEW, delegate)

    def _plan_update(self, row_number, delegate, values):
        changes = set_values(delegate, values, self.reference)
        if changes and self.scope is not None:
            self.scope.review(delegate, changes)
        if not changes:
            return self._outcome(row_number, UNCHANGED, delegate)
        self.plan.changed_fields |= changes.keys()
        if delegate.follow_names():
            self.plan.changed_fields.add("sort_name")
        if "delegation" in changes and delegate.heads_delegation:
            # A head who leaves their delegation no longer heads it (nor the one they join).
            delegate.heads_delegation = False
            self.plan.changed_fields.add("heads_delegation")
        self.plan.changed_delegates.append(delegate)
        self.people.register(delegate)
        return self._outcome(row_number, UPDATE, delegate, changes)

    def _outcome(self, row_number, outcome, delegate, changes=None):
        """A row that imports: ``delegate`` as it will be."""
        return RowOutcome(
            row_number=row_number,
            outcome=outcome,
            name=delegate.full_name,
            country=self.reference.country_name(delegate.country_id),
            organization=self.reference.organization_name(delegate),
            delegation=self.reference.delegation_name(delegate.delegation_id),
            changes=changes or {},
        )
