"""The registry's template filters."""
