"""Article bodies by type, as lists of blocks (see ``content.Article``)."""

from . import vocab
from .text import fill, paragraphs

LISTEN_LINE = "Listen to the full episode on Spotify, Apple Podcasts or YouTube."


def build(kind, rng, stream, ctx):
    """Blocks of one article of type ``kind``; ctx holds "date" (March 18), "day" and "image_dir"."""
    return BUILDERS[kind](rng, stream, ctx)


def texts(blocks):
    """The text blocks in order: paragraphs, subheadings, each list item."""
    for kind, value in blocks:
        if kind in ("p", "h2"):
            yield value
        elif kind == "ul":
            yield from value


def lengthen(blocks, rng, size):
    """Blocks with paragraphs appended until the body's text (blocks joined by blank lines) has ``size`` characters."""
    templates = [template for group in vocab.TOPICS.values() for template in group]
    length = len("\n\n".join(texts(blocks)))
    blocks = list(blocks)
    while length < size:
        text = " ".join(fill(rng, rng.choice(templates)) for _ in range(3))
        blocks.append(("p", text))
        length += len(text) + 2
    return blocks


def _lead(rng, ctx):
    return ("p", fill(rng, rng.choice(vocab.LEADS), date=ctx["date"]))


def _paras(rng, stream, low, high):
    return [("p", text) for text in paragraphs(rng, stream, rng.randint(low, high))]


def _with_subheadings(rng, blocks, count):
    """Insert ``count`` distinct h2 blocks at spread-out positions after the lead."""
    headings = rng.sample(vocab.SUBHEADINGS, count)
    step = max(2, len(blocks) // (count + 1))
    for number, heading in enumerate(headings):
        blocks.insert(min(len(blocks), step * (number + 1) + number), ("h2", heading))
    return blocks


def _news(rng, stream, ctx):
    blocks = [_lead(rng, ctx)] + _paras(rng, stream, 3, 8)
    if rng.random() < 0.25:
        _with_subheadings(rng, blocks, 1)
    if rng.random() < 0.15:
        blocks.append(("ul", paragraphs(rng, stream, 3)))
    return blocks


def _micro(rng, stream, ctx):
    return [("p", _lead(rng, ctx)[1] + " " + next(stream))]


def _analysis(rng, stream, ctx):
    blocks = [_lead(rng, ctx)] + _paras(rng, stream, 8, 13)
    return _with_subheadings(rng, blocks, rng.randint(2, 3))


def _opinion(rng, stream, ctx):
    blocks = _paras(rng, stream, 5, 9)
    quote = rng.choice(vocab.QUOTES)
    blocks.insert(2, ("p", f"As one soldier put it to me: \"{quote}.\""))
    return blocks


def _interview(rng, stream, ctx):
    blocks = [_lead(rng, ctx)] + _paras(rng, stream, 1, 2)
    speaker = rng.choice(vocab.SPEAKER_SHORT)
    for question in rng.sample(vocab.QUESTIONS, rng.randint(3, 5)):
        blocks.append(("p", "Kyiv Independent: " + fill(rng, question)))
        blocks.append(("p", f"{speaker}: " + paragraphs(rng, stream, 1)[0]))
    return blocks


def _photo(rng, stream, ctx):
    blocks = _paras(rng, stream, 1, 2)
    for number in range(rng.randint(3, 5)):
        caption = fill(rng, rng.choice(vocab.GALLERY_CAPTIONS))
        path = f"{ctx['image_dir']}/gallery-{ctx['day']}-{number + 1}.jpg"
        blocks.append(("figure", {"path": path, "caption": caption, "credit": rng.choice(vocab.CREDITS)}))
        if number == 1:
            blocks += _paras(rng, stream, 1, 1)
    return blocks


def _podcast(rng, stream, ctx):
    return _paras(rng, stream, 2, 3) + [("p", LISTEN_LINE)]


def _digest(rng, stream, ctx):
    blocks = [("p", f"Key developments on {ctx['date']}:"), ("ul", paragraphs(rng, stream, rng.randint(3, 5)))]
    blocks += _paras(rng, stream, 3, 7)
    return _with_subheadings(rng, blocks, rng.randint(1, 2)) if len(blocks) > 5 else blocks


BUILDERS = {
    "news": _news, "desk": _news, "multi-author": _news, "micro": _micro, "analysis": _analysis,
    "opinion": _opinion, "editorial": _opinion, "interview": _interview, "photo": _photo,
    "podcast": _podcast, "digest": _digest,
}
