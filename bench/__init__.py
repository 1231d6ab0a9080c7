"""Measuring the registry at scale: ``make bench`` (bench.run) and ``make load`` (bench.load).

Not part of the test suite: figures are printed, never asserted. Needs the ``bench`` extra
(``pip install -e '.[bench]'``) and a PostgreSQL server.
"""
