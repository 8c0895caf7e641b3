"""Which of a spec's reviewers are its own authors: an author's approval of her own spec is
no review (as a change's author approving it is none: `changed-after-approval`)."""

from __future__ import annotations

from collections.abc import Iterable

from specrepo.model.review_times import contact_email
from specrepo.model.spec_record import person_key


def is_spec_author(reviewer: str, authors: Iterable[str]) -> bool:
    """Whether `reviewer` is one of `authors` (the spec's): the same name as `person_key`
    matches it, or the same email where both write one."""
    key, email = person_key(reviewer), contact_email(reviewer).casefold()
    return any(key == person_key(author)
               or (bool(email) and email == contact_email(author).casefold())
               for author in authors)


def independent_reviewers(reviewers: Iterable[str], authors: Iterable[str]) -> list[str]:
    """Those of `reviewers` who are none of `authors`: the spec's reviews to come from."""
    authors = tuple(authors)
    return [reviewer for reviewer in reviewers if not is_spec_author(reviewer, authors)]
