"""A plan (and what was written) as plain text: what ``manage.py import_delegates`` prints and
the admin's preview shows."""

from django.utils.translation import gettext, ngettext

from registry.imports.diff import field_label
from registry.imports.plan import (
    ERROR,
    NEW,
    UNCHANGED,
    UPDATE,
    ImportPlan,
    ImportResult,
)


def format_report(plan: ImportPlan, result: ImportResult | None = None) -> str:
    """The plan as plain text: its warnings, one line per row with its changes and errors, the
    organizations to create, then the totals (and what was written, given ``result``)."""
    lines = [gettext("Warning: %(warning)s") % {"warning": warning} for warning in plan.warnings]
    width = len(str(max((row.row_number for row in plan.rows), default=0)))
    for row in plan.rows:
        lines += _row_lines(row, width)
    if plan.organizations_to_create:
        lines.append(
            gettext("Organizations to create: %(names)s.")
            % {"names": "; ".join(plan.organizations_to_create)}
        )
    lines.append(_totals(plan.counts))
    if plan.undecided:
        lines.append(
            ngettext(
                "%(count)s possible duplicate to decide",
                "%(count)s possible duplicates to decide",
                len(plan.undecided),
            )
            % {"count": len(plan.undecided)}
        )
    if result is not None:
        lines.append(_written(result))
    return "\n".join(lines)


def _row_lines(row, width):
    who = row.name or gettext("(no name)")
    who = f"{who} ({row.country})" if row.country else who
    if row.delegation:
        who = gettext("%(who)s, delegation: %(delegation)s") % {
            "who": who,
            "delegation": row.delegation,
        }
    line = gettext("row %(number)s  %(outcome)s  %(who)s") % {
        "number": f"{row.row_number:<{width}}",
        "outcome": f"{row.outcome_label!s:<9}",
        "who": who,
    }
    lines = [line.rstrip(), *_change_lines(row.changes, "    ")]
    if row.duplicate is not None:
        lines += _duplicate_lines(row)
    for column, message in row.errors:
        if column:
            message = gettext("column %(column)s: %(message)s") % {
                "column": column,
                "message": message,
            }
        lines.append(f"    {message}")
    for column, message in row.warnings:
        lines.append(
            "    "
            + gettext("check column %(column)s: %(message)s")
            % {"column": column, "message": message}
        )
    return lines


def _change_lines(changes, indent):
    lines = []
    for name, (old, new) in changes.items():
        lines.append(f"{indent}{field_label(name)}: {old or gettext('(empty)')} → {new}")
    return lines


def _duplicate_lines(row):
    """Whom a possible duplicate may be, and what updating them would change."""
    lines = []
    for delegate in row.duplicate.delegates:
        who = f"{delegate.name} <{delegate.email}>"
        who = f"{who} ({delegate.country})" if delegate.country else who
        lines.append(
            "    "
            + gettext("possible duplicate of %(who)s, registered with another e-mail")
            % {"who": who}
        )
    if row.outcome != UPDATE and row.duplicate.changes:
        lines.append("    " + gettext("updating that delegate would change:"))
        lines += _change_lines(row.duplicate.changes, "      ")
    return lines


def _totals(counts):
    updates = ngettext("%(count)s update", "%(count)s updates", counts[UPDATE])
    errors = ngettext("%(count)s error", "%(count)s errors", counts[ERROR])
    return gettext("%(new)s new, %(updates)s, %(unchanged)s unchanged, %(errors)s") % {
        "new": counts[NEW],
        "updates": updates % {"count": counts[UPDATE]},
        "unchanged": counts[UNCHANGED],
        "errors": errors % {"count": counts[ERROR]},
    }


def _written(result):
    organizations = len(result.organizations_created)
    return ngettext(
        "Written: %(created)s created, %(updated)s updated, %(unchanged)s unchanged, "
        "%(organizations)s organization created.",
        "Written: %(created)s created, %(updated)s updated, %(unchanged)s unchanged, "
        "%(organizations)s organizations created.",
        organizations,
    ) % {
        "created": result.created,
        "updated": result.updated,
        "unchanged": result.unchanged,
        "organizations": organizations,
    }
