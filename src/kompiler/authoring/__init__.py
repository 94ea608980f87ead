"""Tools that write the drafter's own files: import from spreadsheets, fmt, migrate and init.

Each reads and writes YAML through :mod:`~kompiler.authoring.roundtrip`, which keeps comments, quoting
and line breaks, and writes every file or none.
"""
