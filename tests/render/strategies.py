"""Hypothesis strategies for spec models, with text built to break Markdown."""

from __future__ import annotations

from pathlib import Path
from typing import TypeVar

from hypothesis import strategies as st

from specrepo.model.spec import (
    Alert,
    Appendix,
    Architecture,
    Background,
    ChecklistItem,
    CodeBlock,
    Component,
    DataModel,
    Dependencies,
    Design,
    Endpoint,
    ExternalDependency,
    FunctionalRequirement,
    GlossaryEntry,
    Goals,
    KindOfTest,
    Link,
    Monitoring,
    NonFunctionalRequirement,
    Phase,
    Requirements,
    Response,
    Risk,
    Rollout,
    RolloutStage,
    Security,
    Spec,
    SuccessMetric,
    TeamDependency,
    Threat,
)
from specrepo.model.spec_record import Question, Reviewer, SpecRecord

T = TypeVar("T")

TRICKY = (
    "#", "# x", "## ", "<script>alert(1)</script>", "<b>", "</p>", "<!--", "-->", "<br>",
    "|", "\\|", "\\", "\\\\|", "\n", "\r\n", "\r", "\n\n", "`", "``", "```", "````", "~~~",
    "---", "===", "-", "- ", "* ", "+ ", "1. ", "1) ", "> ", "&", "&amp;", "&#60;", "[", "]",
    "](", "][", "[a](b)", "[a]: /u", "(", ")", " ", "    ", "\t", "*", "_", "**", "~~", "$",
    "\x00", "\x1b", "\x85", "\u2028", "\ufeff", "\ud800", "\u202e", "é", "x", "SPEC-0001", ":", "!",
    "[ ]", "[x]", "    code", "http://x", "<http://x>", "```sql", "\\`",
    # Links and autolinks of every scheme, disguised as browsers and parsers would read them.
    "](", "]:", "]( ", "javascript:", "JaVaScRiPt:", "vbscript:", "data:", "java&#115;cript:",
    "&colon;", "&#58;", "\\:", "<https://x|y>", "<ada@example.com>", "<1@x.io>", "<!", "<?",
    "< ", "<=", "docs/a.md", "../b.md#c", "![", "[a]: ", "\\]",
    # Destinations a `<` opened and never closed, or broke; control characters in them.
    "](<", "](<a\\>)", "](<<a>)", "]: <a", "\x01", "\x7f", "<!-- c -->",
    # Emphasis and entities that flanking rules make text or markup.
    "_", "__", "a_b", " * ", "~", "&amp", ";", "&lt;", "2.4", "99.95%", "\u00a0", "\u3000",
)

texts = st.lists(st.one_of(st.sampled_from(TRICKY), st.text(max_size=4)),
                 min_size=1, max_size=8).map("".join)
"""Any text, heavy in Markdown syntax."""

spec_ids = st.from_regex(r"[A-Z][A-Z0-9]{0,3}-[0-9]{1,4}", fullmatch=True)
ids = st.from_regex(r"N?FR-[0-9]{1,3}", fullmatch=True) | texts
"""Item ids: the bundled format's, or any text (which gets no anchor)."""
references = st.builds("{}/{}".format, spec_ids, ids) | spec_ids | texts
"""What `depends_on` and `refines` may hold in a spec that was not validated."""
languages = st.sampled_from(("sql", "mermaid", "json", "c#", "a`b", "two words")) | texts
urls = st.sampled_from(("https://example.com/a b?q=1&r=(2)", "javascript:alert(1)",
                        "docs/x.md#part", "mailto:ada@example.com")) | texts


def optional(strategy: st.SearchStrategy[T]) -> st.SearchStrategy[T | None]:
    return st.none() | strategy


def some(strategy: st.SearchStrategy[T], at_least: int = 0) -> st.SearchStrategy[tuple[T, ...]]:
    return st.lists(strategy, min_size=at_least, max_size=3).map(tuple)


code_blocks = st.builds(CodeBlock, texts, optional(languages))
links = st.builds(Link, spec=optional(spec_ids | texts), url=optional(urls),
                  title=optional(texts), note=optional(texts))
checklists = some(st.builds(ChecklistItem, texts, st.booleans()), at_least=1)

records = st.builds(
    SpecRecord,
    file=st.just(Path("specs/SPEC-0001.yaml")),
    id=spec_ids,
    title=texts,
    status=st.sampled_from(("Draft", "Approved", "Superseded")) | texts,
    authors=some(texts, at_least=1),
    reviewers=some(st.builds(Reviewer, texts, optional(texts), st.just(()))),
    created=optional(texts),
    updated=optional(texts),
    target_release=optional(texts),
    superseded_by=optional(spec_ids | texts),
    questions=some(st.builds(Question, id=texts, text=texts,
                             state=st.sampled_from(("open", "resolved")),
                             owner=optional(texts), resolution=optional(texts),
                             path=st.just(()))),
    references=st.just(()),
    item_ids=st.just(()),
)

specs = st.builds(
    Spec,
    record=records,
    summary=texts,
    background=st.builds(Background, optional(texts), optional(texts), some(links)),
    goals=st.builds(Goals, some(texts),
                    some(st.builds(SuccessMetric, texts, texts, optional(texts))),
                    some(texts)),
    requirements=st.builds(
        Requirements,
        some(st.builds(FunctionalRequirement, ids, texts, texts, optional(texts),
                       some(references), some(references))),
        some(st.builds(NonFunctionalRequirement, texts, texts, texts, optional(ids),
                       some(references), some(references))),
    ),
    design=st.builds(
        Design,
        st.builds(Architecture, optional(texts), optional(code_blocks)),
        some(st.builds(Component, texts, texts, some(texts), some(texts))),
        some(st.builds(DataModel, code_blocks, optional(texts), optional(texts))),
        some(st.builds(Endpoint, texts, texts, optional(texts), optional(texts),
                       optional(code_blocks),
                       some(st.builds(Response, st.integers(100, 599), optional(texts),
                                      optional(code_blocks))))),
    ),
    implementation_plan=some(st.builds(Phase, texts, checklists, optional(texts))),
    testing=some(st.builds(KindOfTest, texts, optional(texts), some(texts))),
    security=st.builds(Security, some(st.builds(Threat, texts, texts, texts, texts)),
                       st.just(()) | checklists),
    monitoring=st.builds(Monitoring, some(texts),
                         some(st.builds(Alert, texts, texts, texts))),
    risks=some(st.builds(Risk, texts, texts, texts, texts)),
    dependencies=st.builds(Dependencies, some(st.builds(ExternalDependency, texts, texts)),
                           some(st.builds(TeamDependency, texts, texts))),
    rollout=st.builds(Rollout, some(st.builds(RolloutStage, texts, optional(texts))),
                      optional(texts)),
    appendix=st.builds(Appendix, some(links), some(st.builds(GlossaryEntry, texts, texts))),
)
"""Any spec the model can hold, every text adversarial."""
