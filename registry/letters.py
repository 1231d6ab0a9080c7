"""Nomination letters as files: what kind a file is, by its first bytes (never by its name or
the browser's word), and how one is served: as an attachment, with ``nosniff``, to those the
calling view allowed (organizers, the delegation's focal point)."""

from django.http import FileResponse, Http404

MAX_BYTES = 10 * 1024 * 1024
SIGNATURES = {
    b"%PDF-": "application/pdf",
    b"\xff\xd8\xff": "image/jpeg",
    b"\x89PNG\r\n\x1a\n": "image/png",
}


def content_type_of(head):
    """The letter type whose signature ``head`` (a file's first bytes) starts with, or None."""
    return next((kind for magic, kind in SIGNATURES.items() if head.startswith(magic)), None)


def letter_response(letter):
    try:
        handle = letter.file.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    response = FileResponse(
        handle, as_attachment=True, filename=letter.name, content_type=letter.content_type
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response
