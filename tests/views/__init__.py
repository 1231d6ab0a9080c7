"""Tests of the public views (registry/views/): one module per page or kind of page."""
