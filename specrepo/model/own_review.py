"""Which of a spec's reviewers are its own authors: an author's approval of her own spec is
no review (as a change's author approving it is none: `changed-after-approval`)."""

from __future__ import annotations

from collections.abc import Iterable

from specrepo.model.review_times import contact_email, same_identity


def is_spec_author(reviewer: str, authors: Iterable[str]) -> bool:
    """Whether `reviewer` (`Name` or `Name <email>`) is one of `authors` (the spec's, as
    written): `review_times.same_identity`, the same name or the same email where both
    write one."""
    email = contact_email(reviewer)
    return any(same_identity(reviewer, email, author, contact_email(author))
               for author in authors)


def independent_reviewers(reviewers: Iterable[str], authors: Iterable[str]) -> list[str]:
    """Those of `reviewers` who are none of `authors`: the spec's reviews to come from."""
    authors = tuple(authors)
    return [reviewer for reviewer in reviewers if not is_spec_author(reviewer, authors)]
