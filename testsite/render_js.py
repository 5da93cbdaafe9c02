"""Pages that need JavaScript (for scrapy-playwright tests).

--js: articles with the ``js_body`` hint ship an empty body that an inline script
fills from /__testsite__/api/post/<id>.json, and /tag/video/ shows SHOW_MORE cards
plus a "Show more" button that appends more from /__testsite__/api/tag/video?page=N.
--client-render: every article page ships an empty article shell and its post as
Next.js-style __NEXT_DATA__; a script builds the default layout's DOM from it.
"""

import json

from . import render_common as common
from .dates import iso_ms
from .render_listing import card

SHOW_MORE = 5
SHOW_MORE_PATH = "/__testsite__/api/tag/video"
BODY_OPENINGS = ('<div class="c-content">', '<div class="post-body">')
FILL_BODY = """<script>
fetch("/__testsite__/api/post/%s.json").then((r) => r.json()).then((post) => {
  document.querySelector("div.c-content, div.post-body").innerHTML = post.html;
});
</script>"""
SHOW_MORE_SCRIPT = """<script>
document.addEventListener("click", async (event) => {
  const button = event.target.closest("button.js-show-more");
  if (!button) return;
  const data = await (await fetch(button.dataset.next)).json();
  document.querySelector(".c-archive").insertAdjacentHTML("beforeend", data.html);
  button.outerHTML = data.next ? `<button class="js-show-more" data-next="${data.next}">Show more</button>` : "";
});
</script>"""
BUILD_POST = """<script>
(() => {
  const post = JSON.parse(document.getElementById("__NEXT_DATA__").textContent).props.pageProps.post;
  const esc = (s) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
  const join = (a) => a.length < 2 ? a.join("") : a.slice(0, -1).join(", ") + " and " + a[a.length - 1];
  const tags = post.tags.concat(post.repeat_tag ? [post.tags[0]] : []);
  const image = post.feature_image ? `<figure class="c-post__image"><img src="${esc(post.feature_image)}"
    alt="${esc(post.feature_image_caption)}"><figcaption class="c-post__caption">${esc(post.feature_image_caption
    + (post.feature_image_credit ? " (" + post.feature_image_credit + ")" : ""))}</figcaption></figure>` : "";
  const credit = post.legacy ? post.authors.map((a) => `<div class="c-author-box"><img alt="Avatar"> Avatar
    <b>${esc(a.name)}</b> <p>${esc(a.bio)}</p> <a href="/author/${a.slug}/">Read more</a></div>`).join("\\n")
    : `<div class="c-post__authors">Author${post.authors.length > 1 ? "s" : ""}: ${esc(post.authors.map((a) => a.name)
      .join(", "))}</div>`;
  document.querySelector("article.c-post").innerHTML = [
    `<div class="c-post__tags">${tags.map((t) => `<a class="c-post__tag" href="/tag/${t.slug}/">${esc(t.name)}</a>`)
      .join(", ")}</div>`,
    `<a class="c-post__edit" href="/ghost/#/editor/post/${post.id}">Edit post</a>`,
    `<h1 class="c-post__title">${esc(post.title)}</h1>`,
    `<div class="c-post__meta"><span class="c-post__byline">by ${join(post.authors.map((a) =>
      `<a class="c-post__author" href="/author/${a.slug}/">${esc(a.name)}</a>`))}</span>
      <time class="c-post__date" datetime="${post.published_at}">${esc(post.published_label)}</time>
      <span class="c-post__read-time">${post.reading_time} min read</span></div>`,
    image, `<div class="c-post__audio">${esc(post.audio_label)}</div>`,
    `<div class="c-content">${post.html}</div>`, '<div id="reading-progress-end"></div>', credit,
  ].join("\\n");
})();
</script>"""


def _split_body(view, article):
    """(page with an empty body, body HTML): the page's layout renders the body between two fixed parts."""
    full = view.render_article(view, article)
    empty = view.render_article(view, article, "empty body")
    opening = next(tag for tag in BODY_OPENINGS if tag in empty)
    start = empty.index(opening) + len(opening)
    return empty, full[start:len(full) - (len(empty) - start)], start


def js_body_page(view, article):
    """The article page with an empty body and the inline script that fetches it."""
    empty, _, start = _split_body(view, article)
    end = empty.index("</div>", start) + len("</div>")
    return empty[:end] + "\n" + FILL_BODY % article.id + empty[end:]


def post_json(view, article):
    """GET /__testsite__/api/post/<id>.json: the body HTML of a --js article."""
    return json.dumps({"id": article.id, "html": _split_body(view, article)[1]}, ensure_ascii=False)


def show_more_page(view, html):
    """/tag/video/ (first SHOW_MORE cards, rendered as ``html``) with the "Show more" button and its script."""
    if len(view.by_tag["video"]) <= SHOW_MORE:
        return html
    button = f'<button class="js-show-more" data-next="{SHOW_MORE_PATH}?page=2">Show more</button>'
    marker = '</div>\n<section class="c-most-popular">'
    return html.replace(marker, f"</div>\n{button}\n{SHOW_MORE_SCRIPT}\n" + marker[len("</div>\n"):], 1)


def show_more_json(view, page):
    """GET /__testsite__/api/tag/video?page=N: {"html": cards, "next": URL or null}, or None when out of range."""
    items = view.by_tag["video"]
    shown = items[SHOW_MORE * (page - 1):SHOW_MORE * page]
    if page < 2 or not shown:
        return None
    more = len(items) > SHOW_MORE * page
    cards = "\n".join(card(view, item, archive_id=None) for item in shown)
    return json.dumps({"html": cards, "next": f"{SHOW_MORE_PATH}?page={page + 1}" if more else None},
                      ensure_ascii=False)


def client_page(view, article):
    """The article page as a Next.js front end sends it: head, chrome, empty shell, __NEXT_DATA__, script."""
    empty, body, _ = _split_body(view, article)
    image = article.image or {}
    post = {"id": article.id, "slug": article.slug, "title": article.headline, "url": view.base + article.path,
            "excerpt": article.description, "html": body, "published_at": iso_ms(article.published),
            "updated_at": iso_ms(article.modified), "published_label": article.byline_date(),
            "reading_time": article.reading_time, "legacy": article.legacy, "repeat_tag": article.hints["repeat_tag"],
            "tags": [{"name": label, "slug": slug} for label, slug in article.tags],
            "authors": [{"name": name, "slug": slug, "bio": view.bio(slug)} for name, slug in article.authors],
            "feature_image": view.base + image["path"] if image else None,
            "feature_image_caption": image.get("caption"), "feature_image_credit": image.get("credit"),
            "audio_label": common.AUDIO}
    data = json.dumps({"props": {"pageProps": {"post": post}}, "page": "/[slug]"}, ensure_ascii=False)
    data = data.replace("</", "<\\/")
    shell_start = empty.index('<article class="c-post post">') + len('<article class="c-post post">')
    shell_end = empty.index("</article>")
    return (empty[:shell_start] + empty[shell_end:shell_end + len("</article>")] + "\n"
            + f'<script id="__NEXT_DATA__" type="application/json">{data}</script>\n'
            + BUILD_POST + empty[shell_end + len("</article>"):])
