"""The organizers' forms outside the model admin (registry/forms.py): the delegate import's."""

import pytest

from registry.forms import DelegateImportForm
from tests.factories import SeminarFactory

pytestmark = pytest.mark.django_db


def test_the_import_form_states_the_imports_size_limit():
    form = DelegateImportForm()

    assert form.fields["file"].help_text == (
        "An Excel workbook (.xlsx: its first sheet is read) or a CSV file (UTF-8 or Excel's CSV "
        "export, comma or semicolon separated), at most 5 MB."
    )


def test_the_import_form_offers_the_latest_edition_first():
    latest = SeminarFactory(number=24)
    SeminarFactory(number=23)

    assert DelegateImportForm().fields["seminar"].initial == latest
