"""The problems loading a file can have: always errors, never configurable."""

from __future__ import annotations

from typing import Final

from specrepo.check.rules.rule import Rule
from specrepo.model.findings import Severity

LOADING_RULES: Final = (
    Rule("file-read", Severity.ERROR, "The file cannot be read (missing, a folder, too big).",
         "the file can be read: it exists, is a regular file, and is not a link that leaves "
         "the repository"),
    Rule("merge-conflict", Severity.ERROR,
         "A line of the file is a conflict marker an unresolved merge left.",
         "no line is a conflict marker an unresolved merge left (`<<<<<<< `, `=======`, "
         "`>>>>>>> `, diff3's `||||||| `, as `git diff --check` finds them, from a "
         "conflict's start marker on: a heading underlined with seven `=` alone is none; in "
         "a Markdown body, lines in fenced code blocks are text; a file whose "
         "`conflict-marker-size` attribute is set has markers of that many characters, as "
         "git writes them, and lines of seven are text)"),
    Rule("front-matter", Severity.ERROR,
         "A Markdown spec has no YAML front matter, an unclosed one, or a second block.",
         "a Markdown spec (`front_matter: true`) opens with a `---` line on its first line, "
         "closes its front matter with a `---` line, and has one such block"),
    Rule("yaml-encoding", Severity.ERROR, "The file is not UTF-8 text.",
         "the file is UTF-8 text (a byte order mark is allowed), without the control "
         "characters YAML forbids"),
    Rule("yaml-syntax", Severity.ERROR, "The file is not valid YAML.",
         "the file is valid YAML 1.2 (one that declares `%YAML 1.1` holds no value the two "
         "versions read differently)"),
    Rule("yaml-duplicate-key", Severity.ERROR, "A mapping repeats a key.",
         "no mapping repeats a key (each repeat is reported), nor holds two keys that look "
         "the same in other Unicode code points (`café` precomposed and decomposed: "
         "canonically equivalent, NFC)"),
    Rule("yaml-key", Severity.ERROR, "A mapping key is not a plain string.",
         "mapping keys are text, as JSON requires"),
    Rule("yaml-merge", Severity.ERROR, "A merge key `<<` names something other than mappings.",
         "a merge key `<<` names mappings"),
    Rule("yaml-invisible-character", Severity.ERROR,
         "An invisible character (U+00A0, U+200B, U+FEFF…) where YAML reads text but a "
         "reader sees a space or nothing: in indentation, after `key:`, at the edge of an "
         "unquoted value, or anywhere in an unquoted key.",
         "no invisible character (U+00A0, U+200B, U+FEFF…) stands where a reader sees a "
         "space or nothing: in indentation, after `key:` (block or flow), at the edge of "
         "an unquoted value, or anywhere in an unquoted key"),
    Rule("yaml-tag", Severity.ERROR,
         "A YAML tag or a value that specrepo does not accept (custom tags, bad dates).",
         "only the core schema's tags, with values they accept"),
    Rule("yaml-structure", Severity.ERROR, "The file holds more or less than one document.",
         "the file holds exactly one document"),
    Rule("yaml-empty", Severity.ERROR, "The file holds no YAML document.",
         "the file is not empty"),
    Rule("yaml-limit", Severity.ERROR,
         "The file exceeds a safety limit (size, nesting, aliases, a number too large).",
         "the file is within the safety limits: `max_file_size`, nesting depth, aliases, "
         "and numbers a JSON tool can hold (no float past 1.8e308, no integer of more than "
         "4,300 decimal digits)"),
    Rule("schema", Severity.ERROR, "The spec does not match the spec schema.",
         "the spec matches the spec schema (`specrepo schema`)"),
    Rule("spec-field", Severity.ERROR,
         "A field specrepo reads (`fields:`) is missing or has a shape it cannot read.",
         "the spec has what every command reads from it: an id (text or a whole number "
         "that can name its page: letters, digits, `.`, `_` and `-`), a text status where "
         "the format has one, a title for a Markdown spec (its front matter's or its body's "
         "heading), and each field `fields:` names in a shape specrepo can read "
         "(text, lists of names, lists of spec ids)"),
)
"""The loader's problems and the schema's, in the order a file meets them."""

RENDER_RULES: Final = (
    Rule("render-shape", Severity.ERROR,
         "A spec that passes its schema has a value the page cannot show.",
         "render can show every value of a valid spec"),
    Rule("render-page-name", Severity.ERROR, "The spec's id cannot name a page file.",
         "the id can name a page: letters, digits, `.`, `_` and `-`, not `index`"),
    Rule("render-duplicate-page", Severity.ERROR,
         "Two specs would have the same page (ids differing only in letter case).",
         "no two specs have ids that differ only in letter case"),
)
"""Why `render` could not render a spec; reported by render only."""
