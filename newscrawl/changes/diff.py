"""What changed between two versions of an article, field by field (pure functions).

``diff(old, new)`` compares two records (item-shaped dicts) and returns only what differs:

- ``fields``: {name: {"old": value, "new": value}} for the single-valued fields (headline,
  description, the dates, section, ...);
- ``body``: the paragraphs of article_body added, removed or changed, in order, each as
  {"op": "added"|"removed"|"changed", "position": n, "old": text, "new": text} with 1-based
  positions (an added or changed paragraph's position in the new body, a removed one's in the old);
- ``authors`` and ``tags``: {"added": [...], "removed": [...]}, or {"order": [...]} when only the
  order changed;
- ``silent``: True when the content changed while date_modified stayed the same.
"""

from difflib import SequenceMatcher

from newscrawl.items import EXTRACTED_FIELDS

LISTS = ("authors", "tags")
# Fields compared as whole values: all but the identity, the body, the lists, and those derived (word_count).
SCALARS = tuple(name for name in EXTRACTED_FIELDS if name not in ("url", "article_body", *LISTS))
KINDS = ("silent", "headline", "byline", "edit")  # what a revision is reported as, first that applies


def diff(old, new):
    """The differences between two versions (dicts), only the keys that have any; {} when equal."""
    changes = {}
    fields = {name: {"old": old.get(name), "new": new.get(name)}
              for name in SCALARS if old.get(name) != new.get(name)}
    if fields:
        changes["fields"] = fields
    body = body_diff(paragraphs(old.get("article_body")), paragraphs(new.get("article_body")))
    if body:
        changes["body"] = body
    for name in LISTS:
        listed = list_diff(old.get(name) or [], new.get(name) or [])
        if listed:
            changes[name] = listed
    content = set(changes) - {"fields"} or set(fields) - {"date_modified"}
    if content and "date_modified" not in fields:
        changes["silent"] = True
    return changes


def change_kind(changes):
    """How a revision is reported: silent, headline (the headline changed), byline (the authors), or edit."""
    if changes.get("silent"):
        return "silent"
    if "headline" in changes.get("fields", {}):
        return "headline"
    if "authors" in changes:
        return "byline"
    return "edit"


def paragraphs(body):
    """The paragraphs of an article_body (joined by blank lines)."""
    return [part for part in (body or "").split("\n\n") if part]


def body_diff(old, new):
    """Paragraphs added, removed and changed from the list ``old`` to the list ``new``, in order."""
    entries = []
    for op, i1, i2, j1, j2 in SequenceMatcher(None, old, new, autojunk=False).get_opcodes():
        if op == "equal":
            continue
        paired = min(i2 - i1, j2 - j1)
        for k in range(paired):
            entries.append({"op": "changed", "position": j1 + k + 1, "old": old[i1 + k], "new": new[j1 + k]})
        for i in range(i1 + paired, i2):
            entries.append({"op": "removed", "position": i + 1, "old": old[i]})
        for j in range(j1 + paired, j2):
            entries.append({"op": "added", "position": j + 1, "new": new[j]})
    return entries


def list_diff(old, new):
    """{"added": [...], "removed": [...]} between two lists (keys only when not empty), {"order": new}
    when they hold the same values in another order, {} when equal."""
    if old == new:
        return {}
    added, removed = [v for v in new if v not in old], [v for v in old if v not in new]
    if not added and not removed:
        return {"order": list(new)}
    return {key: values for key, values in (("added", added), ("removed", removed)) if values}


def word_diff(old, new):
    """One line with the words removed as [-...-] and the words added as {+...+}, like git's --word-diff."""
    old_words, new_words = old.split(), new.split()
    parts = []
    for op, i1, i2, j1, j2 in SequenceMatcher(None, old_words, new_words, autojunk=False).get_opcodes():
        if op == "equal":
            parts.append(" ".join(old_words[i1:i2]))
            continue
        if i2 > i1:
            parts.append("[-" + " ".join(old_words[i1:i2]) + "-]")
        if j2 > j1:
            parts.append("{+" + " ".join(new_words[j1:j2]) + "+}")
    return " ".join(parts)
