"""Word-by-word differences between two versions of the terms of reference (difflib).

The template shows insertions in <ins> and deletions in <del>, each with a text label, so
the change is clear without colour."""

import difflib
import re

_WORDS = re.compile(r"\s+|[^\s]+")


def text_diff(old, new):
    """[(op, text)] where op is "equal", "insert" or "delete"."""
    a, b = _WORDS.findall(old or ""), _WORDS.findall(new or "")
    segments = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if tag == "equal":
            segments.append(("equal", "".join(a[i1:i2])))
        if tag in ("delete", "replace"):
            segments.append(("delete", "".join(a[i1:i2])))
        if tag in ("insert", "replace"):
            segments.append(("insert", "".join(b[j1:j2])))
    return segments


def terms_diff(old_version, new_version):
    """One entry per clause in either version, in the newer version's order."""
    old = {c.key: c for c in old_version.clauses.all()}
    new = {c.key: c for c in new_version.clauses.all()}
    keys = list(new) + [key for key in old if key not in new]
    result = []
    for key in keys:
        before, after = old.get(key), new.get(key)
        old_text, new_text = (before.text if before else ""), (after.text if after else "")
        result.append(
            {
                "heading": (after or before).heading,
                "changed": old_text != new_text,
                "segments": text_diff(old_text, new_text),
            }
        )
    return result
