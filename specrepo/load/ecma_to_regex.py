"""An ECMA-262 regular expression (`u` flag) spelt in the syntax of the `regex` package
(https://pypi.org/project/regex/, Matthew Barnett's backtracking engine for Python), for
the patterns RE2 cannot match (lookaround away from a pattern's ends, back references,
`\\B`).

Why that engine rather than regress, which implements ECMA-262 itself: regress holds the
interpreter lock for as long as a match takes, and backtracks exponentially on nested
quantifiers, so no budget can stop it within the process. The `regex` package recognises
many such repeats and answers at once, and stops a match that outlasts a budget
(`timeout`, checked inside its matching loop).

The spelling keeps ECMA-262's meaning (`ecma_translation`: every class as its code points,
`\\b` and `\\B` ASCII under the `ASCII` flag, `^` and `$` the text's ends) where the two
engines differ:
- a back reference to a group that has not taken part matches nothing in ECMA-262 and
  fails in `regex`: `\\1` is spelt `(?(1)(?:\\1))`; one inside its own group or before
  it (never set there in ECMA-262) matches nothing, spelt `(?:)`;
- a back reference to a group inside something repeated more than once, or inside a
  lookbehind, is read otherwise (`ecma_captures`): such a pattern is not spelt (None),
  and stays with regress;
- ECMAScript 2025's duplicate group names (in separate alternatives) are not spelt either,
  nor are its modifier groups (`(?i:...)`: RE2 spells those it can).
Why a pattern is not spelt, in a user's words, is `regex_refusal`'s.
"""

from __future__ import annotations

from specrepo.load.ecma_translation import Target, Translation, Unspellable


def regex_syntax(pattern: str) -> str | None:
    """`pattern`, an ECMA-262 regular expression with the `u` flag that an ECMA-262 engine
    has compiled, in the `regex` package's syntax with the same meaning when compiled with
    the `ASCII` flag; None where the two engines' meanings cannot be made the same (see
    the module) or it holds a lone surrogate or a modifier group."""
    try:
        return _spelt(pattern)
    except (Unspellable, ValueError, IndexError):  # the last two: a malformed pattern
        return None


def regex_refusal(pattern: str) -> str:
    """Why the `regex` package cannot match `pattern` (as `regex_syntax` takes it) as
    ECMA-262 does, in a user's words (`it has a modifier group ...`): what `regex_syntax`
    found, else that the package itself refused it (beyond its bounds)."""
    try:
        _spelt(pattern)
    except Unspellable as unspellable:
        if unspellable.args:
            return str(unspellable)
    except (ValueError, IndexError):
        pass
    return "it is beyond what the `regex` package can compile"


def _spelt(pattern: str) -> str:
    names = Translation(pattern, Target.REGEX)
    names.whole()  # learns the number of each named group
    return Translation(pattern, Target.REGEX, names.captures.names).whole()
