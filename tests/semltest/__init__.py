"""Helpers shared by the test modules (``tests`` is on ``sys.path``: see pyproject.toml)."""
