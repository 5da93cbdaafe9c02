"""Deterministic article generation for (N, seed).

Every variety the spec asks for is scheduled by the article number (``i % k``), so
each appears several times at N=300 whatever the seed; the rest is drawn from a
per-article random.Random, so an article does not change when N changes.
"""

import random
from datetime import timedelta

from . import bodies, catalog, metadata, seed as fixed, vocab
from .dates import DATE_KINDS, END, kyiv_month_day, random_time
from .text import fill, sentence_pools, sentence_stream, slugify

RESERVED = {"about", "jobs", "team", "advertising", "newsletters", "store", "ki-insights", "contacts",
            "membership", "tag", "author", "news-archive", "ghost", "p", "content", "amp", "page"}


def generate(count, seed):
    """Field dicts of the seed article (index 0) and ``count`` generated articles."""
    master = random.Random(seed)
    pools = sentence_pools(master, max(20, count // 20))
    types = _type_schedule(master, count)
    taken = set(RESERVED) | {fixed.SEED["slug"], fixed.RELATED["slug"]}
    articles = [_seed_fields()]
    for i in range(1, count + 1):
        rng = random.Random(f"{seed}:{i}")
        overrides = fixed.RELATED if i == 1 else {}
        articles.append(_article(i, rng, overrides.get("type", types[i - 1]), pools, taken, count, overrides))
    return articles


def generate_broken(seed, slugs):
    """Field dicts of the deliberately broken pages (ordinary news posts at fixed slugs)."""
    pools = sentence_pools(random.Random(f"{seed}:broken"), 3)
    broken = [_article(10**6 + k, random.Random(f"{seed}:broken:{k}"), "news", pools, set(), 0,
                     {"slug": slug, "path": f"/{slug}/"})
              for k, slug in enumerate(slugs)]
    for fields in broken:
        fields["hints"]["variant"] = None  # listed at their own path only
    return broken


def _type_schedule(rng, count):
    """Article types: six of each first, then by weight; shuffled."""
    names = list(catalog.TYPES)
    weights = [catalog.TYPES[name][0] for name in names]
    fixed_part = [names[i % len(names)] for i in range(min(count, 6 * len(names)))]
    schedule = fixed_part + rng.choices(names, weights, k=count - len(fixed_part))
    rng.shuffle(schedule)
    return schedule


def _article(i, rng, kind, pools, taken, count, overrides):
    """Field dict of generated article number ``i``."""
    published = overrides.get("published") or _published(i, rng, kind)
    authors = overrides.get("authors") or metadata.authors(i, rng, kind)
    headline = overrides.get("headline") or metadata.headline(i, rng, kind, authors)
    slug = overrides.get("slug") or _unique_slug(headline, rng, taken)
    path = overrides.get("path") or _path(i, slug, published)
    image_dir = f"/content/images/{published.year}/{published.month:02d}"
    ctx = {"date": kyiv_month_day(published), "day": published.strftime("%Y%m%d"), "image_dir": image_dir}
    stream = sentence_stream(rng, pools, rng.choice(catalog.TYPES[kind][2]))
    blocks = bodies.build(kind, rng, stream, ctx)
    if "lead" in overrides:
        blocks[0] = ("p", overrides["lead"])
    if kind not in ("micro", "photo") and count and rng.random() < 0.4:
        blocks.insert(min(2, len(blocks)), ("related", _other(rng, i, count)))
    words = sum(len(text.split()) for text in bodies.texts(blocks))
    return {
        "index": i, "id": f"{int(published.timestamp()):08x}{rng.getrandbits(40):010x}{i:06x}", "slug": slug,
        "path": path, "type": kind, "headline": headline,
        "description": " ".join(fill(rng, t) for t in rng.sample(vocab.DESCRIPTIONS, rng.choice((1, 2)))),
        "authors": authors,
        "published": published, "modified": _modified(rng, published), "tags": metadata.tags(i, rng, kind),
        "image": metadata.image(i, rng, kind, image_dir, slug, published), "blocks": blocks,
        "reading_time": 0 if kind == "micro" else max(1, round(words / 225)),
        "editor_note": metadata.editor_note(i, kind), "hints": metadata.hints(i, path),
    }


def _other(rng, i, count):
    """A random article number (seed included) other than ``i``."""
    j = rng.randrange(count)
    return j if j < i else j + 1


def _published(i, rng, kind):
    date_kind = DATE_KINDS[i % 20] if i % 20 < len(DATE_KINDS) else None
    return random_time(rng, date_kind, 2022 if kind == "micro" else None)


def _modified(rng, published):
    if rng.random() < 0.4:
        return published
    return min(END, published + timedelta(minutes=rng.randrange(1, 3 * 24 * 60)))


def _path(i, slug, published):
    """Root slug, or a legacy category prefix for about a quarter of the 2022 posts."""
    if published.year == 2022 and i % 4 == 0:
        return f"/{catalog.LEGACY_PREFIXES[i // 4 % 3]}/{slug}/"
    return f"/{slug}/"


def _unique_slug(headline, rng, taken):
    base = slugify(headline, rng.randint(4, 9))
    slug, number = base, 2
    while slug in taken:
        slug, number = f"{base}-{number}", number + 1
    taken.add(slug)
    return slug


def _seed_fields():
    """Field dict of the fixed seed article."""
    data = fixed.SEED
    blocks = [("p", text) for text in data["paragraphs"]]
    blocks.insert(data["related_after"], ("related", 1))
    fields = {key: data[key] for key in ("id", "slug", "type", "headline", "description", "authors",
                                          "published", "modified", "image", "reading_time")}
    fields.update(index=0, path=f"/{data['slug']}/", blocks=blocks, editor_note=None,
                  tags=[(catalog.TAGS[slug], slug) for slug in data["tags"]],
                  hints={"member_cta": False, "repeat_tag": False, "js_date": False, "variant": None,
                         "noisy": False, "js_body": False})
    return fields



def extra(i, seed, published, kind_rng, pools, taken):
    """Field dict of article number ``i`` published later (``changes.publish``), modified when published."""
    names = [name for name in catalog.TYPES if name != "micro"]  # micro-posts belong to 2022
    kind = kind_rng.choices(names, [catalog.TYPES[name][0] for name in names])[0]
    fields = _article(i, random.Random(f"{seed}:{i}"), kind, pools, taken, i, {"published": published})
    fields["modified"] = published
    return fields
