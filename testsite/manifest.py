"""GET /__testsite__/manifest.json: the truth for every page a crawler may meet."""

from . import catalog, render_common, render_static
from .content import BROKEN_REASONS


def build(view):
    """Manifest dict for the served site (``view`` is a pages.Pages).

    Keys beyond the contract appear only with their flags: "layout" (--layout 2026), "faults" and
    "disallowed" (--faults or POST /__testsite__/faults), "show_more" (--js), "client_render".
    """
    site, base = view.site, view.base
    layout = {} if view.layout == "2025" else {"layout": view.layout}
    return {
        "base_url": base, **layout,
        "articles": [_entry(view, a) for a in site.articles],
        "broken": [{"url": base + b.path, "reason": BROKEN_REASONS[b.slug]} for b in site.broken],
        "non_articles": [base + path for path in render_static.STATIC],
        "boilerplate": boilerplate(site),
        **({} if view.faults is None else {"faults": view.faults.manifest(base),
                                           "disallowed": view.faults.disallowed()}),
        **({"show_more": ["/tag/video/"]} if view.js else {}),
        **({"client_render": True} if view.client_render else {}),
    }


def _entry(view, article):
    """An article's url and truth; "render": "js" when its body is inserted by JavaScript (--js)."""
    entry = {"url": view.base + article.path, "expected": article.expected(view.base)}
    if view.js and article.hints["js_body"]:
        entry["render"] = "js"
    return entry


def boilerplate(site):
    """One string per non-body block; content-derived ones come from the model.

    related: the headline of the seed article's related card; gallery_caption: the
    first gallery caption of the first photo story (absent when there is none).
    """
    strings = dict(render_common.BOILERPLATE)
    seed = site.articles[0]
    strings["related"] = next(site.articles[value].headline for kind, value in seed.blocks if kind == "related")
    strings["tag_description"] = catalog.TAG_DESCRIPTIONS["russias-war"]
    captions = (value["caption"] for a in site.articles if a.type == "photo"
                for kind, value in a.blocks if kind == "figure")
    caption = next(captions, None)
    if caption:
        strings["gallery_caption"] = caption
    return strings
