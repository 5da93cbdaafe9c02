"""The people who wrote an article, from raw author values: role words, short forms, e-mail addresses
and editors taken out, the publisher's own name kept apart."""

import re

from newscrawl import processors
from newscrawl.extraction.sitenames import ascii_keys, key as _key


# "Reporter" in a byline's languages ("Korrespondentin", "redactora", "Correspondent"): before a name,
# after it as its own part ("Anna Berger, Reporterin"), or in parentheses, no part of it.
REPORTER_WORD = (r"(?:rep[oó]rt[eé]r(?:in|ka)?|reportera?|[\w-]*korrespondent(?:in)?|correspondent(?:e|s)?"
                 r"|corresponsal|correspondant(?:e)?|corrispondente|inviat[oa]|envoy[ée]e?\s+sp[ée]ciale?"
                 r"|enviad[oa]\s+especial"
                 r"|journaliste?|periodista|giornalista|dziennikar(?:z|ka)|redakteur(?:in)?|redaktor(?:in|ka)?"
                 r"|redaktør|redactor(?:a)?|r[ée]dact(?:eur|rice)|redatt(?:ore|rice)|muhabir|wartawan|verslaggever"
                 r"|phóng viên|корреспондент|кореспондент|журналист|журналіст|δημοσιογράφος|संवाददाता|रिपोर्टर|مراسل)")
REPORTER = re.compile(rf"^{REPORTER_WORD}\s*[:：]?\s+(?=\w)", re.I)
# "Von unserem Korrespondenten", "De notre correspondante", "From our correspondent" before a name.
OUR_REPORTER = re.compile(rf"^(?:(?:von|de|from|by|dal|dalla|van|av|af)\s+)?(?:unserem|unserer|unseren|notre|nos"
                          rf"|our|nostro|nostra|nuestro|nuestra|onze|vår|vores)\s+(?:[^\W\d_]+\s+)?"
                          rf"{REPORTER_WORD}\w*\s+", re.I)
# A picture's credit in a byline: "Texto: Ana García Fotos: Pablo Ruiz", "Tom Weiss (Fotos)".
PICTURE_PART = re.compile(r"\s+(?:fotos?|photos?|bilder?|imagen|images?|fotograf[íi]as?|grafik|illustrations?)\s*:.*$"
                          r"|(?:\s+(?:und|and|et|y|e|&))?\s*[^()]*"
                          r"\((?:fotos?|photos?|bilder?|grafik|illustrations?|video|kamera)\)\s*$", re.I)
# A role named after the name: a part of its own (up to two words before the role word, lower-case ones
# after it: "Staff Reporter", "envoyée spéciale à Kyiv"), in parentheses or after a dash ("Anna Berger
# (Korrespondentin)"); a part "Reporter Tom Weiss" is a name after its role.
ROLE = rf"(?:[^\W\d_]+\s+){{0,2}}{REPORTER_WORD}(?![^\W\d_])(?:\s+(?-i:[a-zß-ÿ])[^()]*)?"
ROLE_PART = re.compile(ROLE, re.I)
TRAILING_ROLE = re.compile(rf"\s*(?:\(\s*{ROLE}\)|\s[-–—|/]\s+{ROLE})$", re.I)
# Chinese and Japanese 记者/記者 before a name, Korean 기자 (or 記者) after it, with or without a space.
CJK_REPORTER = re.compile(r"^(?:本报|本報)?(?:记者|記者|通讯员|通訊員)\s*[:：]?\s*|\s*(?:기자|특파원|記者|记者)$")
# A newsroom's short form of a name: "Anna Berger (abe)".
SHORT_FORM = re.compile(r"\s*\([\w/.-]{1,8}\)(?=\s*(?:[,;&]|$))")
EMAIL = re.compile(r"<?\b[\w.+-]+@[\w-]+\.[\w.-]+>?|\[email[\s\u00a0]*protected\]|\bmailto:\S*", re.I)
# "Edited by", "Editing by": an editor's part of a byline, who did not write the article.
EDITING = re.compile(r"^(?:additional\s+)?(?:editing|edited|redigert|redigerad|bearbeitet|édité|editado)"
                     r"\s+(?:by|av|von|par|por)\b", re.I)
REPORTING = re.compile(r"^(?:additional\s+)?(?:reporting|writing)\s+by\s+", re.I)


def bylines(raw):
    """Raw author values with what names no author taken out: reporter words and roles, a newsroom's short
    form in parentheses, e-mail addresses, and "Edited by ..." parts (editors are no authors)."""
    values = raw if isinstance(raw, (list, tuple)) else [raw]
    kept = []
    for value in values:
        if not isinstance(value, str):
            continue
        for part in re.split(r"\s*;\s*", EMAIL.sub(" ", value)):
            part = part.strip()
            if part and not EDITING.match(part):
                names = part.split(",")
                names = [_without_role(name) for i, name in enumerate(names)
                         if not (i and ROLE_PART.fullmatch(name.strip()))]
                kept.append(", ".join(names).strip())
    return [SHORT_FORM.sub("", part) for part in kept if part]


def _without_role(name):
    """One name of a byline without the words for its role around it, and none of a picture's credit."""
    name = TRAILING_ROLE.sub("", REPORTING.sub("", PICTURE_PART.sub("", name.strip())))
    return REPORTER.sub("", OUR_REPORTER.sub("", CJK_REPORTER.sub("", name)))


# A company's legal form closing a name: a publishing house named as author ("Muster Medien GmbH").
COMPANY = re.compile(r"\s(?:GmbH(?:\s*&\s*Co\.?\s*KG(?:aA)?)?|AG|SE|KGaA|KG|Ltd|Limited|Inc|LLC|LLP|plc|PLC|Corp"
                     r"|S\.\s?A|SA|S\.\s?L|S\.p\.A|SpA|S\.A\.S|B\.\s?V|BV|N\.\s?V|NV|Oyj?|AB|A/S|ASA|AS"
                     r"|Sp\.\s?z\s?o\.\s?o)\.?$")


# "Agencies" alone: the wires a story draws on, no one who wrote it ("By Euronews with Agencies").
AGENCIES = re.compile(rf"(?:news\s+)?(?:{processors.AGENCIES})", re.I)


def authors(cleaned, names):
    """Return (people, publisher_only): the cleaned authors with the publisher's own name, a company (a name
    with a legal form) or the word "agencies" apart; of those, the publisher's names, when it is named.

    Only the name itself counts as the publisher: "<Publisher> news desk" is a byline.
    """
    cleaned = cleaned or []
    people = [name for name in cleaned if not ({_key(name)} | ascii_keys(name)) & names and not COMPANY.search(name)
              and not AGENCIES.fullmatch(name)]
    return people, ([] if people else [name for name in cleaned if not AGENCIES.fullmatch(name)] or cleaned)
