"""Tests of the public views (registry/views.py): one module per page or kind of page."""
