"""Reader-invisible noise in rendered text: what a parser must clean to recover the truth.

Noise is presentation only: the model keeps the clean text. Kinds: &nbsp; and raw
U+00A0 between words, doubled spaces, zero-width spaces (U+200B, raw or &#8203;),
NFD-decomposed accents, optional entities (&rsquo;, &quot;, &#39;), and line breaks
with indentation around the text.
"""

import unicodedata
from html import escape

GAPS = ("&nbsp;", "\u00a0", "  ", "\u200b ", "&#8203; ", " \n  ")
ENTITIES = (("’", "&rsquo;"), ("’", "&#8217;"), ('"', "&quot;"), ("'", "&#39;"), ("“", "&ldquo;"))


def noisy_html(text, rng, rate=0.15):
    """Escaped text with noise; each space becomes an odd gap with probability ``rate``."""
    if rng.random() < 0.3:
        text = unicodedata.normalize("NFD", text)
    html = escape(text, quote=False)
    for char, entity in ENTITIES:
        if char in html and rng.random() < 0.5:
            html = html.replace(char, entity)
    words = html.split(" ")
    parts = [words[0]]
    for word in words[1:]:
        parts.append(rng.choice(GAPS) if rng.random() < rate else " ")
        parts.append(word)
    html = "".join(parts)
    if rng.random() < 0.2:
        html = "\n      " + html + "\n    "
    return html
