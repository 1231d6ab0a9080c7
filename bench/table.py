"""The benchmark's one table: for each measure, ours, the comparison, their ratio, the target
and whether it is met. Standard library only, so the test suite can check it."""

from dataclasses import dataclass

HEADER = ("measure", "ours", "comparison", "ratio", "target", "result")


@dataclass(frozen=True)
class Row:
    measure: str
    ours: str
    comparison: str = ""
    ratio: str = ""
    target: str = ""
    passed: bool | None = None  # None: a figure shown without a target

    @property
    def result(self):
        return {True: "pass", False: "FAIL", None: ""}[self.passed]

    def cells(self):
        return (self.measure, self.ours, self.comparison, self.ratio, self.target, self.result)


def ratio(ours, theirs):
    """``ours / theirs`` as text (``1.23×``), or a dash when there is nothing to divide by."""
    if not theirs:
        return "–"
    return f"{ours / theirs:.2f}×"


def render(rows, header=HEADER):
    """The rows (:class:`Row`, or tuples of cells) as an aligned plain-text table with a
    header and a rule under it."""
    lines = [header, *(row.cells() if isinstance(row, Row) else row for row in rows)]
    widths = [max(len(line[index]) for line in lines) for index in range(len(header))]
    text = [
        "  ".join(cell.ljust(width) for cell, width in zip(line, widths, strict=True)).rstrip()
        for line in lines
    ]
    text.insert(1, "  ".join("-" * width for width in widths))
    return "\n".join(text)


def failures(rows):
    """The measures that missed their target."""
    return [row.measure for row in rows if row.passed is False]
