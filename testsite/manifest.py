"""GET /__testsite__/manifest.json: the truth for every page a crawler may meet."""

from . import catalog, render_common, render_static
from .content import BROKEN_REASONS


def build(view):
    """Manifest dict for the served site (``view`` is a pages.Pages).

    Keys beyond the contract appear only with their flags: "layout" (--layout 2026), "faults" and
    "disallowed" (--faults or POST /__testsite__/faults), "show_more" (--js), "client_render".
    "changes" lists every change made to a published article, oldest first; "articles" holds the
    articles served now. POST /__testsite__/change adds "gone" (articles that answer 404 or 410 or
    redirect, each with the last truth it had), "unlisted" and "outages" (URLs) while they have any.
    """
    site, base = view.site, view.base
    layout = {} if view.layout == "2025" else {"layout": view.layout}
    return {
        "base_url": base, **layout,
        "articles": [_entry(view, a) for a in site.served()],
        "changes": [{"url": base + path, "kind": kind} for path, kind in site.changes],
        **_changed(view),
        "broken": [{"url": base + b.path, "reason": BROKEN_REASONS[b.slug]} for b in site.broken],
        "non_articles": [base + path for path in render_static.STATIC],
        "boilerplate": boilerplate(site),
        **({} if view.faults is None else {"faults": view.faults.manifest(base),
                                           "disallowed": view.faults.disallowed()}),
        **({"show_more": ["/tag/video/"]} if view.js else {}),
        **({"client_render": True} if view.client_render else {}),
    }


def _changed(view):
    """The "gone", "unlisted" and "outages" keys, those that have any entry."""
    site, base = view.site, view.base
    gone = [_gone(view, site.articles[index], status, target)
            for index, (status, target) in sorted(site.gone.items()) if status != 200]
    keys = {"gone": gone, "unlisted": [base + site.articles[i].path for i, (status, _) in sorted(site.gone.items())
                                       if status == 200],
            "outages": [base + site.articles[i].path for i in sorted(site.outages)]}
    return {key: value for key, value in keys.items() if value}


def _gone(view, article, status, target):
    """A gone article's url, status, redirect target and the last truth it had."""
    entry = {"url": view.base + article.path, "status": status, "expected": article.expected(view.base)}
    return {**entry, "redirect_to": view.base + target.path} if target else entry


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
