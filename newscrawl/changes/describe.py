"""Changes as text for people: one line per event, and a revision's diff as indented lines (pure functions)."""

from newscrawl.changes.diff import word_diff

SHORT = 100  # characters of a paragraph shown when it was added or removed


def event_line(event):
    """One line: when, what, which article, and the detail that fits."""
    detail = {
        "unpublished": lambda: f"{event.get('status')} since {event.get('since')}",
        "redirected": lambda: f"-> {event.get('redirected_to')} ({event.get('status')} since {event.get('since')})",
        "unlisted": lambda: f"in no sitemap since {event.get('since')}",
        "restored": lambda: f"answers {event.get('status')} again",
    }.get(event["kind"], lambda: f"revision {event.get('revision')}")()
    return f"{event['found_at']}  {event['kind']:<11}  {event['url']}  {detail}"


def diff_lines(changes):
    """The lines of a revision's diff (see diff.diff), fields first, then the body, then the lists."""
    lines = [f"{name}: {_value(values['old'])} -> {_value(values['new'])}"
             for name, values in changes.get("fields", {}).items()]
    for entry in changes.get("body", []):
        if entry["op"] == "changed":
            lines.append(f"paragraph {entry['position']} changed: {word_diff(entry['old'], entry['new'])}")
        else:
            text = entry["new"] if entry["op"] == "added" else entry["old"]
            lines.append(f"paragraph {entry['position']} {entry['op']}: {_short(text)}")
    for name in ("authors", "tags"):
        listed = changes.get(name)
        if listed and "order" in listed:
            lines.append(f"{name}: now in the order {', '.join(listed['order'])}")
        elif listed:
            signed = [f"+ {v}" for v in listed.get("added", [])] + [f"- {v}" for v in listed.get("removed", [])]
            lines.append(f"{name}: {', '.join(signed)}")
    if changes.get("silent"):
        lines.append("silent: the content changed, date_modified did not")
    return lines


def history_text(summary, events):
    """An article's history: what the archive holds, then each change, its diff indented."""
    state = summary["state"] + (f" since {summary['state_since']}" if summary.get("state_since") else "")
    lines = [summary["url"], f"  {summary['headline']!r}: revision {summary['revision']}, first seen "
             f"{summary['first_seen']}, {state}"]
    for event in events:
        lines.append("  " + event_line(event).replace(f"  {event['url']}", ""))
        lines += ["      " + line for line in diff_lines(event.get("diff") or {})]
    return "\n".join(lines)


def _value(value):
    return repr(value) if isinstance(value, str) else str(value)


def _short(text):
    return text if len(text) <= SHORT else text[:SHORT - 1] + "…"
