"""Checks: the arithmetic of the facts (`verify`) and the words findings are written in (`wording`)."""
