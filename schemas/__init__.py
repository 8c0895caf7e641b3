"""The JSON Schemas specrepo ships, read through importlib.resources."""
