"""The trace matrix: requirements, the code and tests that name them, and their results."""
