"""Bytes to data with positions: the YAML 1.2 loader, Markdown front matter and bodies,
spec files, schema files and JUnit XML."""
