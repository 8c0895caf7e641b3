"""Render specs to Markdown: one page per spec and an index, written safely or checked."""
