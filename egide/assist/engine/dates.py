"""Dates in French notes: finding them and resolving them against the note's date.

A mention is absolute ("14/02", "3 mars 2026", "jeudi 19 mars", "mer. 4/11"), a month end
("fin mars"), or relative ("demain", "mardi prochain", "dans quinze jours", "le 15 du mois
prochain"). A date without a year takes the
year that puts it closest to the note's date, leaning to the future (appointments are ahead);
a weekday written next to it ("jeudi 12/03") picks the year where that day is a Thursday.
When the note's date is unknown, relative mentions cannot be resolved and are left out, and a
date without a year takes the current year (as most date parsers do).
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass

from .text import fold, words_to_number

MONTHS = {
    "janvier": 1,
    "janv": 1,
    "fevrier": 2,
    "fevr": 2,
    "fev": 2,
    "mars": 3,
    "avril": 4,
    "avr": 4,
    "mai": 5,
    "juin": 6,
    "juillet": 7,
    "juil": 7,
    "aout": 8,
    "septembre": 9,
    "sept": 9,
    "octobre": 10,
    "oct": 10,
    "novembre": 11,
    "nov": 11,
    "decembre": 12,
    "dec": 12,
}
WEEKDAYS = {"lundi": 0, "mardi": 1, "mercredi": 2, "jeudi": 3, "vendredi": 4, "samedi": 5, "dimanche": 6}
# Abbreviated weekdays, always with their full stop ("mer. 4/11", "[sam. 14/03 23:14]").
WEEKDAYS.update({"lun.": 0, "mar.": 1, "mer.": 2, "jeu.": 3, "ven.": 4, "sam.": 5, "dim.": 6})
_MONTH = r"(?P<month_name>janvier|janv\.?|fevrier|fevr\.?|fev\.?|mars|avril|avr\.?|mai|juin|juillet|juil\.?|aout|septembre|sept\.?|octobre|oct\.?|novembre|nov\.?|decembre|dec\.?)"
_WEEKDAY = r"(?:(?P<weekday>lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche|(?:lun|mar|mer|jeu|ven|sam|dim)\.)\s+)?"
_TIME = (
    r"(?:\s*(?:,\s*)?(?:a|vers|des)?\s*(?P<hour>[012]?\d)\s*(?:heures?\b|h|:)\s*(?P<minute>[0-5]\d)?(?!\d))?"
)

# What follows a fraction or a decimal, not a date: "3/4 temps", "2/3 des dépenses", "2.5 kg".
# On the same line only, and "M." is Monsieur: "VAD – 03/03/2026" then "M. Roux" on the next line.
_NOT_A_DATE_AFTER = (
    r"(?![ \t]*(?:%|kg\b|g\b|g/|mg\b|l\b|km\b|m\b(?!\.\s)|cm\b|ans?\b|mois\b|€|eur\b|euros?\b|temps\b|des\b|de\b(?!\s*\d)|du\b(?!\s*\d)|"
    r"d'|journees?\b|fois\b|parts?\b))"
)
NUMERIC_RE = re.compile(
    rf"\b{_WEEKDAY}(?:(?:le|du|au)\s+)?(?<![\d/.,-])(?P<day>[0-3]?\d)(?P<sep>[/.-])(?P<month>[01]?\d)(?:(?P=sep)(?P<year>(?:19|20)?\d\d))?(?![\d]|[/.,-]\d)(?(year)|{_NOT_A_DATE_AFTER}){_TIME}"
)
TEXTUAL_RE = re.compile(
    rf"\b{_WEEKDAY}(?P<day>[0-3]?\d|1er|premier)\s+{_MONTH}(?:\s+(?P<year>(?:19|20)\d\d))?(?!\w){_TIME}"
)
ISO_RE = re.compile(r"(?<![\d/.-])(?P<year>(?:19|20)\d\d)-(?P<month>[01]\d)-(?P<day>[0-3]\d)(?![\d-])")
# "lundi 14" (no month): the next day of that number falling on that weekday.
WEEKDAY_DAY_RE = re.compile(
    rf"\b(?P<weekday>lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche)\s+(?P<day>[0-3]?\d|1er)(?!\s*(?:[/.-]\d|\d))"
    rf"(?!\s+(?:janv|fev|mars|avr|mai|juin|juil|aout|sept|oct|nov|dec))(?!\s*h\b){_TIME}"
)
# "jeudi 14h", "jeudi à 9h30": the next such weekday (a weekday alone is too often a habit).
WEEKDAY_TIME_RE = re.compile(
    r"\b(?P<weekday>lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche)(?!s)\s*(?:,\s*)?(?:a|vers|des)?\s*"
    r"(?P<hour>[012]?\d)\s*(?:heures?\b|h)\s*(?P<minute>[0-5]\d)?(?!\d)"
)
# "mercredi en huit", "lundi en quinze": that weekday one or two weeks on.
WEEKDAY_WEEKS_RE = re.compile(
    r"\b(?P<weekday>lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche)\s+en\s+(?P<weeks>huit|quinze)\b"
)
# "je le reçois lundi", "point avec sa référente lundi matin": a weekday alone, no article (a
# habit says "le lundi", "tous les lundis"). Kept apart: only a meeting word around it makes it
# an appointment (appointments.py).
WEEKDAY_ALONE_RE = re.compile(
    r"(?<!\ble )(?<!\bles )(?<!\bun )(?<!chaque )(?<!depuis )(?<!dernier )(?<!\bce )"
    r"\b(?P<weekday>lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche)"
    r"(?:\s+(?:matin|midi|apres-midi|soir))?\b(?!\s*(?:\d|prochain|qui vient|en huit|en quinze|dernier|soir\s+dernier|sur deux))"
)
MONTH_END_RE = re.compile(
    rf"\b(?P<edge>fin|debut|mi)[\s-]+(?:(?:du\s+mois\s+)?(?:de\s+|d'))?{_MONTH}(?:\s+(?P<year>(?:19|20)\d\d))?(?!\w)"
)
_N = r"(?P<n>\d+|une?|deux|trois|quatre|cinq|six|sept|huit|neuf|dix|onze|douze|quinze|vingt|trente)"
RELATIVE_RE = re.compile(
    rf"\b(?:(?:le\s+)?(?P<dom>[0-3]?\d|1er|premier)\s+du\s+mois\s+prochain"
    rf"|(?P<edge_next>fin|debut|mi)[\s-]+du\s+mois\s+prochain"
    rf"|(?P<apres>apres-demain|apres demain)|(?P<demain>demain)"
    rf"|(?P<wd_next>lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche)\s+(?:prochain|qui vient)"
    rf"|(?P<next_unit>(?:la\s+)?semaine|(?:le\s+)?mois)\s+prochaine?"
    rf"|(?:dans|sous|d'ici)\s+(?:un\s+delai\s+de\s+)?{_N}\s+(?P<unit>jours?|semaines?|mois)"
    rf"|(?P<quinzaine>(?:dans|sous)\s+(?:une\s+)?(?:quinzaine|huitaine)|dans\s+huit\s+jours))\b"
    rf"{_TIME}"
)


@dataclass
class DateMention:
    start: int
    end: int
    kind: str  # "absolute", "month_end", "relative", "weekday_day" ("lundi 14")
    day: int | None = None
    month: int | None = None
    year: int | None = None
    weekday: int | None = None
    relative_days: int | None = None
    relative_months: int | None = None
    relative_weekday: int | None = None
    time: str | None = None
    weeks_later: int = 0  # "mercredi en huit": that weekday, this week or today, then a week on


# Said "dans huit jours", "dans quinze jours", French means a week and two weeks, the same weekday.
WEEK_IN_DAYS_SPOKEN = {8: 7, 15: 14}


def _time(m: re.Match) -> str | None:
    hour = m.group("hour")
    if hour is None or int(hour) > 23:
        return None
    return f"{int(hour):02d}:{int(m.group('minute') or 0):02d}"


def find_dates(text: str) -> list[DateMention]:
    """Every date mention of a note, in order, without overlaps."""
    folded = fold(text)
    found: list[DateMention] = []
    for m in NUMERIC_RE.finditer(folded):
        day, month = int(m.group("day")), int(m.group("month"))
        if not (1 <= day <= 31 and 1 <= month <= 12):
            continue
        if m.group("sep") == "-" and m.group("year") is None:
            continue  # "10-12 ans", "3-4 semaines": a range, not a date
        year = m.group("year")
        if year is not None:
            year = int(year) + (2000 if len(year) == 2 else 0)
        found.append(
            DateMention(
                m.start(),
                m.end(),
                "absolute",
                day,
                month,
                year,
                WEEKDAYS.get(m.group("weekday") or ""),
                time=_time(m),
            )
        )
    for m in TEXTUAL_RE.finditer(folded):
        d = m.group("day")
        day = 1 if d in ("1er", "premier") else int(d)
        month = MONTHS[m.group("month_name").rstrip(".")]
        if not 1 <= day <= 31:
            continue
        year = int(m.group("year")) if m.group("year") else None
        found.append(
            DateMention(
                m.start(),
                m.end(),
                "absolute",
                day,
                month,
                year,
                WEEKDAYS.get(m.group("weekday") or ""),
                time=_time(m),
            )
        )
    for m in ISO_RE.finditer(folded):
        day, month = int(m.group("day")), int(m.group("month"))
        if 1 <= day <= 31 and 1 <= month <= 12:
            found.append(DateMention(m.start(), m.end(), "absolute", day, month, int(m.group("year"))))
    for m in WEEKDAY_DAY_RE.finditer(folded):
        day = 1 if m.group("day") == "1er" else int(m.group("day"))
        if 1 <= day <= 31:
            found.append(
                DateMention(
                    m.start(),
                    m.end(),
                    "weekday_day",
                    day,
                    None,
                    None,
                    WEEKDAYS[m.group("weekday")],
                    time=_time(m),
                )
            )
    for m in WEEKDAY_TIME_RE.finditer(folded):
        found.append(
            DateMention(
                m.start(), m.end(), "relative", relative_weekday=WEEKDAYS[m.group("weekday")], time=_time(m)
            )
        )
    for m in WEEKDAY_WEEKS_RE.finditer(folded):
        weeks = 1 if m.group("weeks") == "huit" else 2
        found.append(
            DateMention(
                m.start(),
                m.end(),
                "relative",
                relative_weekday=WEEKDAYS[m.group("weekday")],
                weeks_later=weeks,
            )
        )
    for m in WEEKDAY_ALONE_RE.finditer(folded):
        found.append(
            DateMention(m.start(), m.end(), "weekday_alone", relative_weekday=WEEKDAYS[m.group("weekday")])
        )
    for m in MONTH_END_RE.finditer(folded):
        month = MONTHS[m.group("month_name").rstrip(".")]
        edge = m.group("edge")
        day = {"debut": 1, "mi": 15}.get(edge, 0)  # 0: last day, filled at resolution
        year = int(m.group("year")) if m.group("year") else None
        found.append(DateMention(m.start(), m.end(), "month_end", day, month, year))
    for m in RELATIVE_RE.finditer(folded):
        mention = DateMention(m.start(), m.end(), "relative", time=_time(m))
        if m.group("dom"):  # "le 15 du mois prochain"
            mention.relative_months = 1
            mention.day = 1 if m.group("dom") in ("1er", "premier") else int(m.group("dom"))
            if not 1 <= mention.day <= 31:
                continue
        elif m.group("edge_next"):  # "fin du mois prochain"
            mention.relative_months = 1
            mention.day = {"debut": 1, "mi": 15}.get(m.group("edge_next"), 0)  # 0: the month's last day
        elif m.group("apres"):
            mention.relative_days = 2
        elif m.group("demain"):
            mention.relative_days = 1
        elif m.group("wd_next"):
            mention.relative_weekday = WEEKDAYS[m.group("wd_next")]
        elif m.group("next_unit"):
            if "semaine" in m.group("next_unit"):
                mention.relative_days = 7
            else:
                mention.relative_months = 1
        elif m.group("quinzaine"):
            mention.relative_days = 8 if "huit" in m.group("quinzaine") else 15
        else:
            raw = m.group("n")
            n = int(raw) if raw.isdigit() else words_to_number(raw)
            if not n:
                continue
            unit = m.group("unit")
            if unit.startswith("jour"):
                # "dans quinze jours" is two weeks; "sous quinze jours", a time limit, is 15 days
                spoken = m.group().startswith("dans")
                mention.relative_days = WEEK_IN_DAYS_SPOKEN.get(n, n) if spoken else n
            elif unit.startswith("semaine"):
                mention.relative_days = 7 * n
            else:
                mention.relative_months = n
        found.append(mention)
    found.sort(key=lambda d: (d.start, -(d.end - d.start)))
    kept: list[DateMention] = []
    for mention in found:
        if kept and mention.start < kept[-1].end:
            continue
        kept.append(mention)
    return kept


def _add_months(day: dt.date, months: int) -> dt.date:
    y, m = divmod(day.month - 1 + months, 12)
    year, month = day.year + y, m + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def _safe_date(year: int, month: int, day: int) -> dt.date | None:
    if day == 0:
        day = calendar.monthrange(year, month)[1]
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def resolve(
    mention: DateMention, ref: dt.date | None, *, year_hint: int | None = None, lean: float = 2.0
) -> dt.date | None:
    """The calendar date of a mention; `ref` is the note's date (None: unknown).

    `year_hint` is the year to use for dates without a year when the note's date is unknown
    (the current year by default). `lean` is how much a day behind the note's date costs
    against a day ahead of it when a year has to be chosen: more when the words around the
    date say it is ahead ("le bail arrive à terme le 31/12" in a note of April).
    """
    if mention.kind == "weekday_day":
        if ref is None:
            return None
        for ahead in range(0, 190):  # the next "lundi 14" within about six months
            day = ref + dt.timedelta(days=ahead)
            if day.day == mention.day and day.weekday() == mention.weekday:
                return day
        return None
    if mention.kind == "relative":
        if ref is None:
            return None
        if mention.relative_days is not None:
            return ref + dt.timedelta(days=mention.relative_days)
        if mention.relative_months is not None:
            month = _add_months(ref, mention.relative_months)
            if mention.day is not None:  # "le 15 du mois prochain", "fin du mois prochain"
                return _safe_date(month.year, month.month, mention.day)
            return month
        if mention.weeks_later:
            ahead = (mention.relative_weekday - ref.weekday()) % 7 + 7 * mention.weeks_later
        else:
            ahead = (mention.relative_weekday - ref.weekday()) % 7 or 7
        return ref + dt.timedelta(days=ahead)
    if mention.kind == "weekday_alone":
        if ref is None:
            return None
        return ref + dt.timedelta(days=(mention.relative_weekday - ref.weekday()) % 7 or 7)
    assert mention.month is not None and mention.day is not None
    if mention.year is not None:
        return _safe_date(mention.year, mention.month, mention.day)
    base_year = ref.year if ref is not None else (year_hint or dt.date.today().year)
    candidates = [
        c
        for c in (
            _safe_date(y, mention.month, mention.day) for y in (base_year - 1, base_year, base_year + 1)
        )
        if c
    ]
    if not candidates:
        return None
    if mention.weekday is not None:
        matching = [c for c in candidates if c.weekday() == mention.weekday]
        if len(matching) == 1 or (matching and ref is None):
            candidates = matching
    if ref is None:
        same_year = [c for c in candidates if c.year == base_year]
        return (same_year or candidates)[0]

    def cost(c: dt.date) -> int:
        delta = (c - ref).days
        return delta if delta >= 0 else -lean * delta  # lean to the future

    return min(candidates, key=cost)
