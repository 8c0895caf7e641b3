"""Typed data only: configuration, field map, workflow, specs, findings, history, report."""
