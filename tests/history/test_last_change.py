"""A spec's last change (`SpecHistory.last_touched`: its idle days, staleness, the site's
"last change") is its last commit that changed its content (`model.events.changes_content`),
as trace judges a spec not approved: a mode change, an exact rename or copy, a folder
moved, an edit that only reformats the YAML or bumps its dates change nothing."""

from __future__ import annotations

import json
import os

from specrepo.configuration.config_file import load_config
from specrepo.history.mine import mine_history
from specrepo.model.history import SpecHistory
from tests.history.gitrepo import DAY, EPOCH, GitRepo, spec_text
from tests.support import run_cli


def _spec(repo: GitRepo, spec_id: str = "SPEC-0001") -> SpecHistory:
    history = mine_history(load_config(None, repo.root))
    return next(spec for spec in history.specs if spec.spec_id == spec_id)


def _stale(repo: GitRepo) -> tuple[int, list[dict[str, object]], str]:
    result = run_cli("report", "stale", "--fail-on", "stale", "--format", "json",
                     no_traceback=True)
    return result.exit_code, json.loads(result.stdout)["stale"], result.output


def test_a_chmod_and_a_folder_moved_leave_drafts_stale(git_repo: GitRepo) -> None:
    """The trial's case: two Drafts idle 100 days; a `chmod +x` commit and `git mv specs
    design/specs` (with `specs:` updated) keep them stale, idle since their creation."""
    git_repo.commit("drafts", {f"specs/SPEC-000{n}.yaml": spec_text(f"SPEC-000{n}")
                               for n in (1, 2)}, date=EPOCH)
    git_repo.commit("unrelated work", {"other.txt": "x\n"}, date=EPOCH + 100 * DAY)
    code, stale, _ = _stale(git_repo)
    assert code == 1 and len(stale) == 2
    os.chmod(git_repo.root / "specs" / "SPEC-0001.yaml", 0o755)
    git_repo.commit("fix permissions", date=EPOCH + 101 * DAY)
    git_repo.git("mv", "specs", "design")
    git_repo.commit("move the specs folder", {"specrepo.yaml": "specs: design\n"},
                    date=EPOCH + 102 * DAY)
    code, stale, output = _stale(git_repo)
    assert code == 1
    assert [(entry["spec"], entry["last_commit"], entry["idle_days"]) for entry in stale] \
        == [("SPEC-0001", "2026-01-01T00:00:00Z", 102.0),
            ("SPEC-0002", "2026-01-01T00:00:00Z", 102.0)]
    assert _stale(git_repo)[2] == output  # warm as cold


def test_what_changes_the_content_is_the_last_change(git_repo: GitRepo) -> None:
    """A reformat (same data) and an `updated:` bump alone change nothing; a moved file
    that is also edited, and a title edit, do."""
    text = spec_text()
    git_repo.commit("draft", {"specs/SPEC-0001.yaml": text}, date=EPOCH)
    git_repo.commit("reformat", {"specs/SPEC-0001.yaml": text.replace(": ", ":   ")},
                    date=EPOCH + 3 * DAY)
    assert "updated:" in text
    bumped = "\n".join(line if not line.startswith("updated:") else "updated: 2026-02-01"
                       for line in text.splitlines()) + "\n"
    git_repo.commit("bump the date", {"specs/SPEC-0001.yaml": bumped}, date=EPOCH + 4 * DAY)
    assert _spec(git_repo).last_touched == EPOCH
    git_repo.commit("move and edit", {"specs/SPEC-0001.yaml": None,
                                      "specs/a/SPEC-0001.yaml": bumped.replace(
                                          "title: A spec", "title: Another")},
                    date=EPOCH + 5 * DAY)
    assert _spec(git_repo).last_touched == EPOCH + 5 * DAY


def test_an_exact_copy_keeps_the_last_change_of_its_original(git_repo: GitRepo) -> None:
    git_repo.commit("draft", {"specs/SPEC-0001.yaml": spec_text()}, date=EPOCH)
    git_repo.commit("copy", {"specs/copy/SPEC-0001.yaml": spec_text()},
                    date=EPOCH + 7 * DAY)
    history = mine_history(load_config(None, git_repo.root))
    assert [spec.last_touched for spec in history.specs] == [EPOCH, EPOCH]
