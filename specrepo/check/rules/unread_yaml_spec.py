"""unread-yaml-spec: a `.yaml` file in a location of Markdown specs (`front_matter: true`)
that looks like a spec is not left out in silence (a repository half converted from YAML
specs to Markdown ones). The check: `check.unread_yaml_specs`."""

from __future__ import annotations

from specrepo.check.rules.rule import Rule
from specrepo.model.findings import Severity

RULE = Rule(
    "unread-yaml-spec", Severity.WARNING,
    "A YAML file in a location of Markdown specs looks like a spec, but only Markdown "
    "files are read there.",
    "with `front_matter: true`, no `.yaml`/`.yml` file in a spec location looks like a spec "
    "(a mapping with any of the `id`, `title` and `status` fields the configuration reads, "
    "named after its id, named as a spec file (`RFC-0004-x.yaml`) or in a folder without "
    "Markdown files; one that does not load, by its top-level lines; Markdown with front "
    "matter under a YAML name, anywhere): only Markdown files are specs there, so it would "
    "drop out of every check and report (a warning by default; it says when a spec read has "
    "its id too)",
    configurable=True)
