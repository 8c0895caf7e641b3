"""Rule `required-sections`: a Markdown spec's body has its template's headings, in order.

As the enhancement-proposal processes check their documents (OpenShift's
`hack/template-lint.sh`, the KEP template's checks), but with a CommonMark parser: a
heading inside fenced code is no heading, a setext heading is one. Headings are compared
by the text they show, ignoring inline markup, runs of whitespace and case (`heading_key`);
the level is checked apart, so `### Test Plan` where the template has `## Test Plan` is
reported as a wrong level, not as a missing section. Headings that the template does not
name are allowed anywhere (subsections, extra sections).

The required headings are matched to the body's headings in order (the longest common
subsequence of the two, sections that are not optional first, same-level matches
preferred). Each required heading that is not
matched is reported once: out of order (its heading is elsewhere), misspelled (a heading
the template does not name, at the same level, nearly reads like it: did you mean...?; one
where it belongs is preferred, but where an unnamed heading stands never decides whether
it is a misspelling, since such headings may stand anywhere; a character that shows
nothing is written `<U+FFF9>` there, so two headings that look alike show how they differ),
or missing (unless it is optional). A heading at another level is never taken for a
misspelling (MADR 4's `### Confirmation` under `## Decision Outcome` is no `## More Information`).

A required heading written more often than the template lists it (at a level the template
has it at) is reported at each further one, a duplicate (a merge's leftover); order is
judged on its first occurrences alone.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Literal

from specrepo.base.caseless import shown_apart
from specrepo.base.deferred_dataclass import dataclass
from specrepo.base.suggest import did_you_mean
from specrepo.check.rules.rule import Rule
from specrepo.load.document import Position
from specrepo.load.markdown_body import Heading, MarkdownBody
from specrepo.model.config import RequiredSection
from specrepo.model.findings import Finding, Severity

RULE = Rule(
    "required-sections", Severity.ERROR,
    "A Markdown spec's body lacks a heading its template requires (`sections:`), or has it "
    "out of order, at another level or misspelled.",
    "the body of a Markdown spec has the headings `sections:` lists, in order and at their "
    "levels (headings in code blocks, lists and block quotes do not count; others may "
    "appear anywhere)",
    configurable=True)

ProblemKind = Literal["missing", "misordered", "misspelled", "wrong-level", "duplicate"]


@dataclass(frozen=True)
class SectionProblem:
    """One required heading that the body does not have as the template says, at a file
    line of the body (the heading concerned, or where a missing one belongs)."""

    kind: ProblemKind
    required: RequiredSection
    line: int
    message: str


def check_required_sections(path: Path, body: MarkdownBody,
                            required: Sequence[RequiredSection],
                            severity: Severity = RULE.severity) -> list[Finding]:
    """The rule's findings for the body of the spec file `path`, in the order of the file.

    Each finding carries `kind` (missing, misordered, misspelled, wrong-level, duplicate) and
    `heading` (the required heading) as properties.
    """
    return [
        Finding.at(path, Position(problem.line, 1), severity, RULE.id, problem.message,
                   properties=(("kind", problem.kind), ("heading", problem.required.shown)))
        for problem in section_problems(body, required)
    ]


def section_problems(body: MarkdownBody,
                     required: Sequence[RequiredSection]) -> list[SectionProblem]:
    """Every required heading that `body` lacks, repeats or has wrongly, ordered by line."""
    problems, headings = _duplicates(body.headings, required)
    pairs = _match(required, headings)
    claimed = {index for _, index in pairs}
    problems += [
        SectionProblem(
            "wrong-level", required[wanted], headings[found].line,
            f"section `{headings[found].shown}` is at level {headings[found].level}; the "
            f"template has it at level {required[wanted].level}: `{required[wanted].shown}`")
        for wanted, found in pairs if required[wanted].level != headings[found].level
    ]
    matched = dict(pairs)
    missing = []
    for wanted, section in enumerate(required):
        if wanted in matched:
            continue
        elsewhere = next((index for index, heading in enumerate(headings)
                          if index not in claimed and heading.key == section.key), None)
        if elsewhere is None:
            missing.append(wanted)
            continue
        claimed.add(elsewhere)
        problems.append(SectionProblem(
            "misordered", section, headings[elsewhere].line,
            f"section `{headings[elsewhere].shown}` is out of order: the template has it "
            f"{_place(required, wanted)}"))
    known = {section.key for section in required}
    for wanted in missing:
        problems.extend(_missing(body, headings, required, wanted, matched, claimed, known))
    problems.sort(key=lambda problem: problem.line)
    return problems


def _missing(body: MarkdownBody, headings: Sequence[Heading],
             required: Sequence[RequiredSection], wanted: int, matched: dict[int, int],
             claimed: set[int], known: set[str]) -> list[SectionProblem]:
    """A required heading the body (whose `headings` are judged) does not have: misspelled
    where it belongs, else missing (an optional one may be missing)."""
    section = required[wanted]
    before = max((found for index, found in matched.items() if index < wanted), default=-1)
    after = min((found for index, found in matched.items() if index > wanted),
                default=len(headings))
    unknown = [index for index, heading in enumerate(headings) if index not in claimed
               and heading.key not in known and heading.level == section.level]
    found = _misspelling(section, headings, [index for index in unknown
                                             if before < index < after])
    if found is None:  # misspelled and misplaced
        found = _misspelling(section, headings, unknown)
    if found is not None:
        claimed.add(found)
        written, meant = headings[found].shown, section.shown
        return [SectionProblem(
            "misspelled", section, headings[found].line,
            f"heading `{shown_apart(written, meant)}` is not in the template; did you mean "
            f"`{shown_apart(meant, written)}`?")]
    if section.optional:
        return []
    line = headings[after].line if after < len(headings) else body.last_line
    return [SectionProblem("missing", section, line,
                           f"missing section `{section.shown}`: the template has it "
                           f"{_place(required, wanted)}")]


def _duplicates(headings: Sequence[Heading], required: Sequence[RequiredSection],
                ) -> tuple[list[SectionProblem], list[Heading]]:
    """The headings that repeat a required one more often than the template lists it (at
    one of its levels there), each a problem; and the other headings, to be judged."""
    listed: dict[str, list[RequiredSection]] = {}
    for section in required:
        listed.setdefault(section.key, []).append(section)
    seen: dict[str, list[Heading]] = {}
    problems, kept = [], []
    for heading in headings:
        sections = listed.get(heading.key, [])
        if heading.level not in {section.level for section in sections}:
            kept.append(heading)
            continue
        earlier = seen.setdefault(heading.key, [])
        earlier.append(heading)
        if len(earlier) <= len(sections):
            kept.append(heading)
            continue
        times = "once" if len(sections) == 1 else f"{len(sections)} times"
        problems.append(SectionProblem(
            "duplicate", sections[0], heading.line,
            f"section `{heading.shown}` is written again (first at line {earlier[0].line}): "
            f"the template has it {times}"))
    return problems, kept


def _misspelling(section: RequiredSection, headings: Sequence[Heading],
                 candidates: Sequence[int]) -> int | None:
    """The candidate heading that most likely misspells `section`, if any: the closest in
    spelling, else one that is the other's first words (`## Alternatives` for the template's
    `## Alternatives (Not Implemented)`, or the other way round)."""
    guess = did_you_mean(section.text, [headings[index].text for index in candidates])
    found = next((index for index in candidates if headings[index].text == guess), None)
    if found is None:
        found = next((index for index in candidates
                      if _first_words_of(section.key, headings[index].key)), None)
    return found


def _first_words_of(one: str, other: str) -> bool:
    """Whether one of two heading keys is the other's first words."""
    shorter, longer = sorted((one, other), key=len)
    return longer.startswith(shorter + " ")


def _place(required: Sequence[RequiredSection], wanted: int) -> str:
    """Where the template puts a heading: after the one before it, else before the next."""
    if wanted > 0:
        return f"after `{required[wanted - 1].shown}`"
    if len(required) > 1:
        return f"before `{required[1].shown}`"
    return "in the body"


def _match(required: Sequence[RequiredSection],
           headings: Sequence[Heading]) -> list[tuple[int, int]]:
    """The best in-order matching of required headings to the body's headings by text, as
    (required index, heading index) pairs: the most sections that are not optional, then
    the most sections, then the most levels alike (a weighted longest common subsequence),
    then the earliest headings."""
    wanted = [section.key for section in required]
    known = set(wanted)
    # Only headings the template names can match: the others are left out of the table.
    places = [index for index, heading in enumerate(headings) if heading.key in known]
    found = [headings[index].key for index in places]
    levels = [headings[index].level for index in places]
    # Each tier is worth more than all the tiers below it together.
    optional_worth = len(required) + 1
    required_worth = (len(required) + 1) * optional_worth

    def worth(i: int, j: int) -> int:
        tier = optional_worth if required[i].optional else required_worth
        return tier + (required[i].level == levels[j])

    # best[i][j]: the best score of required[i:] against headings[j:].
    best = [[0] * (len(found) + 1) for _ in range(len(required) + 1)]
    for i in range(len(required) - 1, -1, -1):
        row, below = best[i], best[i + 1]
        for j in range(len(found) - 1, -1, -1):
            row[j] = max(below[j], row[j + 1])
            if wanted[i] == found[j]:
                row[j] = max(row[j], below[j + 1] + worth(i, j))
    pairs = []
    i = j = 0
    while i < len(required) and j < len(found):
        if wanted[i] == found[j] and best[i][j] == best[i + 1][j + 1] + worth(i, j):
            pairs.append((i, places[j]))
            i += 1
            j += 1
        elif best[i][j] == best[i][j + 1]:
            j += 1
        else:
            i += 1
    return pairs
