"""Heuristics that choose between the layers' candidates where first-wins is not best."""

from newscrawl.extraction import cleaning


def authors(raw, exclude):
    """Cleaned author names; the publisher's own name is dropped when people are named."""
    names = cleaning.clean_authors(raw or [])
    people = cleaning.clean_authors(names, exclude=[x for x in exclude if x])
    return people or names


def refine(layers, tree):
    """Return the layers, adjusted where a later layer's value is known to be better."""
    return layers
