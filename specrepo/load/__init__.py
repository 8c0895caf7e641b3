"""Bytes to data with positions: the loaders of every input specrepo reads."""
