"""Small helpers for every layer: errors, paths, wording, timestamps, atomic writes."""
