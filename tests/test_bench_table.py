"""The benchmark's table (bench/table.py): the figures themselves are never tested, only how
they are laid out and judged."""

from bench.table import Row, failures, ratio, render


def test_ratio_of_two_rates():
    assert ratio(90.0, 100.0) == "0.90×"


def test_ratio_without_a_comparison_is_a_dash():
    assert ratio(90.0, 0) == "–"


def test_render_aligns_every_column_under_its_header():
    rows = [
        Row("export 100,000 rows/s", "900 rows/s", "1,000 rows/s", "0.90×", "≥ 0.80×", True),
        Row("peak memory", "+3.0 MB", target="< 20 MB", passed=False),
        Row("delegates", "1,000,000"),
    ]

    assert render(rows).splitlines() == [
        "measure                ours        comparison    ratio  target   result",
        "---------------------  ----------  ------------  -----  -------  ------",
        "export 100,000 rows/s  900 rows/s  1,000 rows/s  0.90×  ≥ 0.80×  pass",
        "peak memory            +3.0 MB                          < 20 MB  FAIL",
        "delegates              1,000,000",
    ]


def test_render_takes_plain_tuples_under_another_header():
    assert render([("a", "1")], header=("name", "n")).splitlines() == [
        "name  n",
        "----  -",
        "a     1",
    ]


def test_failures_names_only_the_missed_targets():
    rows = [
        Row("met", "1", passed=True),
        Row("missed", "2", passed=False),
        Row("shown only", "3"),
    ]

    assert failures(rows) == ["missed"]
