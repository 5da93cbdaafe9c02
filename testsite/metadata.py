"""Headline, authors, tags, image, editor's note and presentation hints of a generated article."""

from . import catalog, vocab
from .dates import KYIV, MONTHS
from .text import fill

HEADLINE_STYLES = {1: "quote", 2: "amp", 3: "curly"}
VARIANTS = ("noslash", "utm", "amp", "fragment", "www", "news-feed")


def _person(entry):
    return (entry[0], entry[1])


def authors(i, rng, kind):
    """[(name, slug)] in byline order; multi-author posts cycle through 2, 3 and person + desk."""
    if kind == "editorial":
        return [_person(catalog.MASTHEAD)]
    if kind in ("desk", "digest") or (kind == "micro" and rng.random() < 0.6):
        return [_person(catalog.DESK)]
    if kind == "opinion":
        return [_person(rng.choice(catalog.GUESTS))]
    if kind == "multi-author":
        if i % 3 == 2:
            return [_person(catalog.STAFF[0]), _person(catalog.DESK)]
        return [_person(entry) for entry in rng.sample(catalog.STAFF, 2 + i % 3)]
    return [_person(rng.choice(catalog.STAFF))]


def headline(i, rng, kind, people):
    """Headline in the shape of the type (``Opinion: ...``, ``... (Photos)``, ``Ukraine war latest: ...``)."""
    news = fill(rng, rng.choice(vocab.HEADLINES[HEADLINE_STYLES.get(i % 10, "plain")]))
    phrase = fill(rng, rng.choice(vocab.PHRASES))
    lower = phrase[0].lower() + phrase[1:]
    if kind == "analysis":
        return rng.choice((f"Analysis: {lower}", f"{phrase}, explained", f"Fact-check: {news}"))
    if kind == "opinion":
        return rng.choice((f"Opinion: {lower}", f"{people[0][0]}: {lower}"))
    if kind == "editorial":
        return f"Editorial: {lower}"
    if kind == "interview":
        return f"Interview: {rng.choice(vocab.SPEAKER_SHORT)} on {lower}"
    if kind == "photo":
        return fill(rng, rng.choice(vocab.GALLERY_CAPTIONS)).rstrip(".") + " (Photos)"
    if kind == "podcast":
        return f"{rng.choice(vocab.SHOWS)} Ep. {rng.randint(1, 60)}: {lower}"
    if kind == "digest":
        return f"Ukraine war latest: {news}"
    return news


def tags(i, rng, kind):
    """[(label, slug)], primary first, at least one nav section, no duplicates."""
    slugs = [rng.choice(catalog.TYPES[kind][1])]
    if kind == "photo" or i % 13 == 0:
        slugs.append("culture")
    slugs += rng.sample(catalog.TOPIC_TAGS, rng.randint(1, 3))
    slugs.insert(rng.randint(1, len(slugs)), rng.choice(catalog.NAV_SECTIONS))
    if i % 29 == 0:
        slugs.append("company-news")
    unique = list(dict.fromkeys(slugs))
    return [(catalog.TAGS[slug], slug) for slug in unique]


def image(i, rng, kind, image_dir, slug, published):
    """Lead image {path, caption, credit}; every 9th post has none, others lack a credit or nest parentheses."""
    shape = i % 9
    if shape == 7 and kind != "photo":
        return None
    local = published.astimezone(KYIV)
    date = f"{MONTHS[local.month]} {local.day}, {local.year}"
    templates = vocab.PAREN_CAPTIONS if shape == 5 else vocab.CAPTIONS
    caption = fill(rng, rng.choice(templates), date=date)
    credit = None if shape == 3 else rng.choice(vocab.CREDITS)
    return {"path": f"{image_dir}/{slug}.jpg", "caption": caption, "credit": credit}


def editor_note(i, kind):
    """The editor's note: always on op-eds and interviews, on some news, never on micro-posts."""
    if kind in ("opinion", "interview"):
        return catalog.EDITOR_NOTES[kind]
    if kind in ("micro", "editorial") or i % 12 != 6:
        return None
    return catalog.EDITOR_NOTES["developing" if i % 24 == 6 else "anonymity"]


def hints(i, path):
    """Presentation choices that never change the truth."""
    variant = VARIANTS[i % 31] if i % 31 < len(VARIANTS) else None
    if variant == "news-feed" and path.count("/") > 2:
        variant = "utm"  # a legacy path has no root slug to alias
    return {
        "member_cta": i % 3 == 0,
        "repeat_tag": i % 17 == 2,
        "js_date": i % 4 == 1,
        "variant": variant,
        "noisy": i % 5 in (0, 2),
        "js_body": i % 50 == 23,  # body inserted by JavaScript (served so only with --js)
    }
