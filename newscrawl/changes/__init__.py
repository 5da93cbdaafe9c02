"""How archived articles change and vanish: diffs between revisions, re-checks, removals, the feed of changes."""
