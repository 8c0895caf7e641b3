"""Compare two versions of a spec, item by item and section by section: pure functions over
JSON-shaped data and Markdown bodies."""
