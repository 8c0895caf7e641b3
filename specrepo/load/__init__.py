"""Bytes to data with positions: YAML documents, Markdown front matter and bodies."""
