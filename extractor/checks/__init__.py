"""Checks: the arithmetic of the facts (`verify`, and the mechanisms it runs) and the words of findings (`wording`)."""
