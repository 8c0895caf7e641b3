"""Bytes to data with positions: YAML, Markdown front matter and bodies, spec and schema files."""
