"""Formatting results for people and machines: text, JSON, GitHub annotations."""
