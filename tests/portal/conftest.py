import pytest

from registry.models import DelegateLink, DelegationAccess
from registry.portal.signin import SESSION_KEY
from tests.factories import DelegationFactory


@pytest.fixture
def delegation(seminar24):
    from registry.models import Country

    return DelegationFactory(seminar=seminar24, country=Country.objects.get(slug="japan"), quota=3)


@pytest.fixture
def focal_point(client, delegation):
    """The test client, signed in to ``delegation`` as its focal point would be."""
    token = DelegationAccess.issue(delegation, delegation.focal_point_email)
    access = DelegationAccess.objects.for_token(token)
    session = client.session
    session[SESSION_KEY] = {"access": access.pk, "until": 4_000_000_000}
    session.save()
    return client


@pytest.fixture
def own_link(seminar24):
    from registry.models import Delegate

    delegate = Delegate.objects.get(slug="yoichi-iida")
    return delegate, DelegateLink.issue(delegate)
