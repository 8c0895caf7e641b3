"""Bytes to data with positions: the YAML 1.2 loader, spec files, schema files and JUnit XML."""
