"""The registry's own date formats, over Django's: only what differs from Django's defaults."""
