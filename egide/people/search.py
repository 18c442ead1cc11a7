"""Finding people by name (case-, accent- and typo-tolerant), birth date or file number.

Each name word is stored folded and as a French phonetic key (PersonNameKey), so the same
indexed equality lookups work on SQLite and PostgreSQL; candidates are then ranked with
RapidFuzz. A query word matches a name word that is equal, starts with it, or sounds alike.
"""

from __future__ import annotations

import datetime as dt
import re

from django.db.models import Q, QuerySet
from rapidfuzz import fuzz

from egide.common.text import fold, phonetic, words

from .models import Person, PersonNameKey

MAX_RESULTS = 50
_DATE = re.compile(r"^(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4})$")


def index_person_names(person: Person) -> None:
    """Rebuild the name keys of a person (called by the services that change names)."""
    PersonNameKey.objects.filter(person=person).delete()
    seen = set()
    rows = []
    for word in words(" ".join([person.birth_name, person.usage_name, person.first_names])):
        if len(word) < 2 or word in seen:
            continue
        seen.add(word)
        rows.append(PersonNameKey(person=person, word=word, phonetic=phonetic(word)))
    PersonNameKey.objects.bulk_create(rows)


def _parse_date(query: str) -> dt.date | None:
    match = _DATE.match(query.strip())
    if match:
        day, month, year = (int(g) for g in match.groups())
        try:
            return dt.date(year, month, day)
        except ValueError:
            return None
    try:
        return dt.date.fromisoformat(query.strip())
    except ValueError:
        return None


def search_people(visible: QuerySet[Person], query: str) -> list[Person]:
    """People among `visible` (already filtered for the user) matching the query, best first."""
    query = query.strip()
    if not query:
        return []
    birth_date = _parse_date(query)
    if birth_date:
        return list(visible.filter(birth_date=birth_date)[:MAX_RESULTS])
    by_number = list(visible.filter(file_number__iexact=query)[:MAX_RESULTS])
    if by_number:
        return by_number
    terms = [w for w in words(query) if len(w) >= 2]
    if not terms:
        return []
    # Every query word must match some name word of the person.
    candidates = visible
    for term in terms:
        key_match = Q(word=term) | Q(word__startswith=term) | Q(phonetic=phonetic(term))
        candidates = candidates.filter(pk__in=PersonNameKey.objects.filter(key_match).values("person_id"))
    found = list(candidates[:500])
    folded = fold(query)
    found.sort(key=lambda p: -fuzz.token_set_ratio(folded, p.search_name))
    return found[:MAX_RESULTS]
