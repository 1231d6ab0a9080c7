"""E-mail templates render as plain text in the language asked for."""

import pytest

from registry.mail.rendering import render_email
from tests.factories import CountryFactory, DelegationFactory, OrganizationFactory

pytestmark = pytest.mark.django_db


def test_an_email_renders_in_english_without_html_escaping():
    country = CountryFactory(name="Trinidad & Tobago", name_ja="トリニダード・トバゴ")
    delegation = DelegationFactory(country=country)

    subject, body = render_email(
        "sign_in_code", {"code": "000111", "minutes": 1, "delegation": delegation}, "en"
    )

    assert (subject, body) == (
        "Your sign-in code for the delegation of Trinidad & Tobago",
        "Your code to sign in to the registry for the delegation of Trinidad & Tobago:\n"
        "\n"
        "    000111\n"
        "\n"
        "It is valid for 1 minute, in the browser that asked for it.\n"
        "If you did not ask for it, you can ignore this e-mail: nobody can sign in without "
        "the code.\n"
        "\n"
        "Asian Export Control Seminar\n",
    )


def test_an_organizations_delegation_is_named_after_the_organization():
    organization = OrganizationFactory(name="Wassenaar Arrangement Secretariat")
    delegation = DelegationFactory(country=None, organization=organization)

    subject, _ = render_email(
        "sign_in_code", {"code": "1", "minutes": 15, "delegation": delegation}, "en"
    )

    assert subject == "Your sign-in code for the delegation of Wassenaar Arrangement Secretariat"


def test_a_language_the_site_does_not_speak_is_refused():
    with pytest.raises(ValueError) as refused:
        render_email("sign_in_code", {}, "fr")

    assert str(refused.value) == "'fr' is not one of the site's languages."
