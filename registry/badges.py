"""The code on a delegate's badge, which the registration desk scans: a random token of
upper-case letters and digits (never the name or a row number, so a lost badge reveals
nothing), kept as printed so that a badge can be printed again, and drawn on the server as a
QR code in SVG (segno: no external service, no script).

An identifier, not a credential: it finds the person at the desk and opens nothing else."""

import io
import unicodedata

import segno

from registry.tokens import printed_code

# 10 symbols of the printed codes' alphabet: 50 random bits.
LENGTH = 10
# What arrives from a scanner or a keyboard is cut at this length before it is read.
MAX_SCANNED = 64


def new_code():
    return printed_code(LENGTH)


def normalized(scanned):
    """A scanned or typed code as stored: NFKC (a scanner typing through a Japanese input
    method sends full-width letters), upper case, without spaces or dashes."""
    text = unicodedata.normalize("NFKC", scanned[:MAX_SCANNED]).upper()
    return "".join(character for character in text if character.isalnum())


def qr_svg(code):
    """The code as a QR code, an SVG element to place in a page."""
    out = io.BytesIO()
    segno.make_qr(code, error="m").save(
        out, kind="svg", scale=4, border=2, xmldecl=False, svgclass="badge-code", nl=False
    )
    return out.getvalue().decode()
