"""What to change when a spec `specrepo new` wrote from the repository's own template does
not pass validate: the setting at fault, named, rather than one advice for every cause."""

from __future__ import annotations

from collections.abc import Sequence

from specrepo.base.name_patterns import NamePattern
from specrepo.model.config import Config
from specrepo.model.findings import Finding


def template_advice(errors: Sequence[Finding], config: Config, template: str,
                    missing_id: bool) -> str:
    """How to fix the template or `new.file_name` (`template`: the template as messages
    name it) so that the next spec passes, for `errors`, validate's errors on the spec
    written (`missing_id`: which has no id). Each cause once, in this order:

    - no id: the template writes no `{{id}}` (nor `{{number}}`), so new gave none;
    - the file-name rule: `new.file_name` gives a name without the id (said with the
      missing id too, unless the rule is off: the rule judges a spec with an id);
    - anything else: a field the template leaves out or gets wrong."""
    advice: list[str] = []
    field = config.fields.id
    if missing_id:
        place = f"`{field[0]}: {{{{id}}}}`" if len(field) == 1 else \
            f"{{{{id}}}} at `{'.'.join(str(part) for part in field)}`"
        advice.append(f"the template {template} writes no {{{{id}}}} placeholder (nor "
                      f"{{{{number}}}}), so the spec has no id: add {place} to it, and new "
                      "fills in the next free id")
    pattern = config.new_file_name
    # With no id the file-name rule cannot run yet; it refuses the name once there is one.
    if pattern is not None and not NamePattern(pattern, config.id_prefix).carries_id and (
            any(error.rule == "file-name" for error in errors)
            or (missing_id and config.severities.get("file-name", True) is not None)):
        advice.append(f"{config.placed(('new', 'file_name'))}: new.file_name '{pattern}' "
                      "gives a name without the id, which the file-name rule refuses: "
                      "start it with {{id}} (`{{id}}-{{slug}}" f"{_suffix(pattern)}`)")
    if any(error.rule != "file-name" and not _about_id(error, config, missing_id)
           for error in errors):
        advice.append(f"fill it in, or complete the template {template}")
    return "; ".join(advice)


def _suffix(pattern: str) -> str:
    name = pattern.rpartition("/")[2]
    return name[name.find("."):] if "." in name else ".yaml"


def _about_id(error: Finding, config: Config, missing_id: bool) -> bool:
    """Whether `error` is one the missing id explains (told by `template_advice`)."""
    field = config.fields.id
    return missing_id and (error.json_path == field or (
        error.json_path == field[:-1] and f"'{field[-1]}'" in error.message))
