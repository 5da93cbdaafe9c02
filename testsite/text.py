"""Fill the vocabulary's templates into sentences, headlines and slugs."""

import re
from itertools import islice
import unicodedata

from . import vocab

SLOTS = dict(vocab.SLOTS, short=vocab.SPEAKER_SHORT)


class _Filler(dict):
    """format_map() mapping that draws a random value for each unknown slot."""

    def __init__(self, rng, known):
        super().__init__(known)
        self.rng = rng

    def __missing__(self, key):
        value = self.rng.choice(SLOTS[key])
        self[key] = value
        return value


def fill(rng, template, **known):
    """The template with its slots filled; a slot used twice gets the same value."""
    text = template.format_map(_Filler(rng, known))
    return text[0].upper() + text[1:]


def sentence_pools(rng, variants):
    """Per topic, per template, ``variants`` filled sentences."""
    return {topic: [[fill(rng, template) for _ in range(variants)] for template in templates]
            for topic, templates in vocab.TOPICS.items()}


def sentence_stream(rng, pools, topic):
    """Sentences for one article, each from a different template: its topic's first, then others'."""
    main = list(pools[topic])
    rng.shuffle(main)
    for variants in main:
        yield rng.choice(variants)
    rest = [group for name, groups in pools.items() if name != topic for group in groups]
    rng.shuffle(rest)
    for variants in rest:
        yield rng.choice(variants)


def paragraphs(rng, stream, count):
    """``count`` paragraphs of 1-3 sentences taken from a sentence stream."""
    sizes = [rng.choice((1, 2, 2, 3)) for _ in range(count)]
    return [" ".join(islice(stream, size)) for size in sizes]


def slugify(text, max_words):
    """Lowercase ASCII slug of the first ``max_words`` words of a text."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    ascii_text = re.sub(r"['’]", "", ascii_text.lower())
    words = re.findall(r"[a-z0-9]+", ascii_text)
    return "-".join(words[:max_words])
