"""Secrets sent by e-mail (links and sign-in codes) and how the registry keeps them: as keyed
hashes (HMAC with the site's secret key), never as sent. A stolen database therefore opens
nothing, and a secret is checked by hashing what arrives and comparing in constant time."""

import secrets

from django.utils.crypto import constant_time_compare, salted_hmac

SALT = "registry.tokens"
CODE_DIGITS = 6


def new_token():
    """A link's secret: 256 random bits, URL-safe."""
    return secrets.token_urlsafe(32)


# Upper-case letters and digits, without those a reader confuses (0/O, 1/I): the alphabet of
# codes printed for people to read or scan (badges, certificates).
PRINTED_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"


def printed_code(length):
    """A random code of ``length`` symbols of ``PRINTED_ALPHABET`` (5 bits each)."""
    return "".join(secrets.choice(PRINTED_ALPHABET) for _ in range(length))


def new_code():
    """A sign-in code of six digits, easy to type from an e-mail on a phone."""
    return f"{secrets.randbelow(10**CODE_DIGITS):0{CODE_DIGITS}d}"


def digest(secret):
    return salted_hmac(SALT, secret, algorithm="sha256").hexdigest()


def matches(secret, stored_digest):
    return bool(stored_digest) and constant_time_compare(digest(secret), stored_digest)
