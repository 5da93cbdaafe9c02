"""Non-article pages (about, jobs, ...) and the promo cards some of them get in the news archive."""

from datetime import datetime
from types import SimpleNamespace

from . import catalog, render_common as common
from .dates import UTC
from .render_common import text

STATIC = {
    "/about/": ("About us", "The Kyiv Independent is Ukraine’s English-language media outlet, founded in 2021 "
                            "by journalists who were fired from the Kyiv Post for defending editorial independence."),
    "/jobs/": ("Join the Team", "We are hiring reporters, editors and developers. Send your CV and a cover letter."),
    "/team/": ("Team", "Meet the reporters, editors, photographers and managers of the Kyiv Independent."),
    "/advertising/": ("Advertising", "Reach an international audience interested in Ukraine and Eastern Europe."),
    "/newsletters/": ("Newsletters", "Ukraine Daily, Explaining Ukraine with Kate Tsurkan and eight more newsletters."),
    "/store/": ("Store", "Books, merchandise and our first-ever magazine, The Power Within."),
    "/ki-insights/": ("KI Insights", "Research and briefings on Ukraine for businesses and institutions."),
    "/contacts/": ("Contacts", "Write to the newsroom, the business team or the partnerships team."),
    "/membership/": ("Membership", "Members fund our journalism. Choose a monthly or a yearly plan."),
}

UPDATED = datetime(2025, 1, 15, 10, 0, tzinfo=UTC)  # lastmod of the static pages in the sitemap

# (path, card headline, card excerpt, listed at) - promos shown as archive cards on the real site.
PROMOS = (
    ("/store/", "The Power Within: pre-order the Kyiv Independent’s first magazine",
     "Our first-ever print magazine ships in April.", datetime(2025, 3, 17, 9, 0, tzinfo=UTC)),
    ("/newsletters/", "Sign up for Ukraine Daily, our morning newsletter",
     "The day’s most important news from Ukraine in your inbox.", datetime(2024, 6, 3, 8, 30, tzinfo=UTC)),
    ("/membership/", "Become a member of the Kyiv Independent",
     "Independent journalism needs independent funding.", datetime(2023, 2, 24, 7, 0, tzinfo=UTC)),
)


def promo_items():
    """Card items for the promos (duck-typed like articles for the card renderer)."""
    author = (catalog.MASTHEAD[0], catalog.MASTHEAD[1])
    return [SimpleNamespace(path=path, slug=path.strip("/"), headline=headline, description=excerpt,
                            authors=[author], tags=[("Company News", "company-news")], image=None,
                            published=listed, hints={})
            for path, headline, excerpt, listed in PROMOS]


def render(view, path):
    """A plain non-article page (og:type website)."""
    title, body = STATIC[path]
    extra = common.meta("og:type", "website") + "\n" + common.meta("og:title", title) + "\n"
    return "\n".join((
        common.head(f"{title} | {common.SITE_NAME}", view.base, path, extra),
        '<body class="page-template">', common.HEADER + '<main id="main" class="c-main">',
        f'<div class="c-page"><h1>{text(title)}</h1><p>{text(body)}</p></div>', common.CLOSING,
    ))
