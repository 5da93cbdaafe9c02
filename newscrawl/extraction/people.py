"""The people who wrote an article, from raw author values: role words, short forms, e-mail addresses
and editors taken out, the publisher's own name kept apart."""

import re

from newscrawl.extraction.sitenames import ascii_keys, key as _key


# "Reporter" in a byline's languages before a name ("Korrespondentin Anna Berger"): no part of it.
# English titles follow the name after a comma, and cleaning drops them.
REPORTER_WORD = (r"(?:reporter(?:in)?|rep[oó]rter|reportera?|korrespondent(?:in)?|corresponsal|correspondant(?:e)?"
                 r"|corrispondente|inviat[oa]|journaliste?|periodista|giornalista|dziennikar(?:z|ka)|redakteur(?:in)?"
                 r"|muhabir|wartawan|verslaggever|phóng viên|корреспондент|кореспондент|журналист|журналіст"
                 r"|δημοσιογράφος|संवाददाता|रिपोर्टर|مراسل)")
REPORTER = re.compile(rf"^{REPORTER_WORD}\s*[:：]?\s+(?=\w)", re.I)
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
    """Raw author values with what names no author taken out: reporter words, a newsroom's short
    form in parentheses, e-mail addresses, and "Edited by ..." parts (editors are no authors)."""
    values = raw if isinstance(raw, (list, tuple)) else [raw]
    kept = []
    for value in values:
        if not isinstance(value, str):
            continue
        for part in re.split(r"\s*;\s*", EMAIL.sub(" ", value)):
            part = part.strip()
            if part and not EDITING.match(part):
                names = (_without_role(name) for name in part.split(","))
                kept.append(", ".join(names).strip())
    return [SHORT_FORM.sub("", part) for part in kept if part]


def _without_role(name):
    """One name of a byline without the words for its role around it."""
    return REPORTER.sub("", CJK_REPORTER.sub("", REPORTING.sub("", name.strip())))


def authors(cleaned, names):
    """Return (people, publisher_only): the cleaned authors with the publisher's own name apart.

    Only the name itself counts as the publisher: "<Publisher> news desk" is a byline.
    """
    cleaned = cleaned or []
    people = [name for name in cleaned if not ({_key(name)} | ascii_keys(name)) & names]
    return people, ([] if people else cleaned)
