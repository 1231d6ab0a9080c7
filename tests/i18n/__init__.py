"""The registry in English and Japanese: the catalogue, the pages, dates and names, the CSV and
the admin."""
