"""The delegate search (registry/search.py) that the listing and the admin share. On SQLite
it reads a trigram full-text index (migration 0011), kept in step with the delegate table by
triggers; on both databases it finds exactly the delegates ``icontains`` finds.

``icontains`` on SQLite is ``LIKE '%word%' ESCAPE '\\'``, case-insensitive in ASCII only:
"müller" finds "Müller" but not "MÜLLER". The index folds case throughout Unicode, so it may
find more; the search compares what it finds with LIKE, and the results are the same.
PostgreSQL has no such table and searches through its trigram indexes (migration 0008)."""
