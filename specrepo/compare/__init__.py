"""Item-level comparison of two versions of a spec: pure functions over JSON-shaped data."""
