"""The public views' tests are in ``tests/views/``. This module only re-exports the row builders
``tests/test_i18n.py`` imports from here; remove it once that import reads ``tests.views.rows``."""

from tests.views.rows import add_countries, add_delegates, rows_shown

__all__ = ["add_countries", "add_delegates", "rows_shown"]
