"""The people the search tests look for."""

import pytest

from tests.factories import DelegateFactory, SeminarFactory
from tests.search.support import NAMES


@pytest.fixture
def tanaka():
    return DelegateFactory(
        full_name="Kenji Tanaka",
        family_name="Tanaka",
        given_name="Kenji",
        position="Licensing officer",
        email="kenji@example.org",
    )


@pytest.fixture
def people():
    seminar = SeminarFactory()
    return [
        DelegateFactory(seminar=seminar, full_name=name, position=position, sort_name=name)
        for name, position in NAMES
    ]
