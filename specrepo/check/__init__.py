"""Checks on loaded specs: the schema and the rules a schema cannot express."""
