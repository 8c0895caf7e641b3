"""Compare two versions of a spec, item by item: pure functions of the two versions."""
