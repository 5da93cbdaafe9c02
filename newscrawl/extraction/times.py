"""The time of day a page shows beside its publication day, for a day found without one (htmldate's).

Pages that lack the metadata show their date in the story's header: "30.04.2024, 18:58",
"Posted May 24, 2026 10:05 am", "torsdag 09. mai 2024 - 13:26", "7:55 AM UTC".
"""

import re

from newscrawl.extraction.headline import UNSHOWN_STYLE
from newscrawl.extraction.meta import elsewhere
from newscrawl.processors import ZONE_OFFSETS

TIME_OF_DAY = re.compile(r"(?<![\d:.])([01]?\d|2[0-3])[:.]([0-5]\d)(?![\d:.]\d)(?:\s*([ap])\.?\s?m\b\.?)?", re.I)
TEXT_WITH_TIME = r"//body//text()[re:test(., '\d[:.][0-5]\d')][not(ancestor::script or ancestor::style)]"
REGEXP = {"re": "http://exslt.org/regular-expressions"}
ZONE = re.compile(r"\b(?:%s)\b" % "|".join(name for name in ZONE_OFFSETS if len(name) > 1))
# A time that is not the publication's: an update's, a live blog's last entry.
UPDATED = re.compile(r"update|aktualisiert|actualizado|mis à jour|aggiornato|oppdatert|uppdaterad"
                     r"|opdateret|aktualizacja|zaktualizowano|bijgewerkt|atualizado", re.I)
MAX_TEXT = 100  # characters of a date line: more is a paragraph that mentions a time


def shown_time(tree, day):
    """(ISO day and the time of day, its zone if the page names one; the shown text) of the first short
    element, shown and outside navigation, asides and other stories, that shows ``day`` ("YYYY-MM-DD") with a
    time and says nothing of an update before it; else None."""
    year, _, date = (int(part) for part in day.split("-"))
    for node in tree.xpath(TEXT_WITH_TIME, namespaces=REGEXP):
        element = node.getparent()
        if elsewhere(element) or _hidden(element):
            continue
        for _ in range(3):  # the date and the time may sit in sibling spans
            # Its texts apart: "<span>April 30, 2024</span><span>7:55 AM</span>" is no "20247:55".
            if element is None or len(text := " ".join(" ".join(element.itertext()).split())) > MAX_TEXT:
                break
            time = TIME_OF_DAY.search(text)
            if time and _shows_day(text[:time.start()] + text[time.end():], year, date):
                if UPDATED.search(text[:time.start()]):
                    break
                zone = ZONE.search(text[time.end():time.end() + 12])
                moment = f"{day}T{_hour(time.group(1), time.group(3)):02}:{time.group(2)}"
                return moment + (f" {zone.group(0).upper()}" if zone else ""), text
            element = element.getparent()
    return None


def _hidden(element):
    """Whether the element or one around it is hidden (a live blog's update time, shown only while it runs)."""
    return any(node.get("hidden") is not None or UNSHOWN_STYLE.search(node.get("style", ""))
               for node in (element, *element.iterancestors()))


def _hour(hour, half):
    """The hour on a 24-hour clock, of an "a" or "p" (am, pm) ``half`` if given."""
    return int(hour) % 12 + (12 if half.lower() == "p" else 0) if half else int(hour)


def _shows_day(text, year, date):
    """Whether ``text`` (its time taken out) names the year (or its last two digits after a day and month)
    and the day of the month, as numbers of their own."""
    numbers = [int(n) for n in re.findall(r"\d+", text)]
    has_year = year in numbers or re.search(rf"\d\.\s?\d{{1,2}}\.\s?{year % 100:02}(?!\d)", text)
    return bool(has_year) and date in numbers
