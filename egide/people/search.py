"""Finding people by name (case-, accent- and typo-tolerant), birth date or file number.

Each name word is stored folded and as a French phonetic key (PersonNameKey), and with one
letter removed each way (PersonNameVariant), so the same indexed equality lookups work on SQLite
and PostgreSQL; candidates are then ranked with RapidFuzz. A query word matches a name word that
is equal, starts with it, sounds alike, or is one typo away (a letter missing, added, changed or
two neighbours swapped).
"""

from __future__ import annotations

import datetime as dt
import re

from django.db.models import Q, QuerySet
from rapidfuzz import fuzz
from rapidfuzz.distance import OSA

from egide.common.text import MIN_VARIANT_LENGTH, deletion_variants, fold, phonetic, words

from .models import Person, PersonNameKey, PersonNameVariant

MAX_RESULTS = 50
MAX_CANDIDATES = 2000
# A name word sounding like the query word must also be spelt close enough to it: the phonetic
# key alone is coarse ("ahamadas" and "amidou" share one).
MIN_SIMILARITY = 70
_DATE = re.compile(r"^(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4})$")
# A file number is one word with a digit ("2026-000123"); anything else is a name.
_FILE_NUMBER = re.compile(r"^[\w\-/.]*\d[\w\-/.]*$")


def name_words(*names: str) -> list[str]:
    """The distinct folded words of a person's names, as the search index stores them."""
    found: list[str] = []
    for word in words(" ".join(names)):
        if len(word) >= 2 and word not in found:
            found.append(word)
    return found


def index_person_names(person: Person) -> None:
    """Rebuild the name keys of a person (called by the services that change names)."""
    PersonNameKey.objects.filter(person=person).delete()
    PersonNameVariant.objects.filter(person=person).delete()
    keys, variants = [], []
    for word in name_words(person.birth_name, person.usage_name, person.first_names):
        keys.append(
            PersonNameKey(
                person=person, organisation_id_copy=person.organisation_id, word=word, phonetic=phonetic(word)
            )
        )
        variants.extend(
            PersonNameVariant(
                person=person, organisation_id_copy=person.organisation_id, variant=variant, word=word
            )
            for variant in sorted(deletion_variants(word))
        )
    PersonNameKey.objects.bulk_create(keys)
    PersonNameVariant.objects.bulk_create(variants)


def _people_matching(term: str, organisation_id: int | None) -> set[int]:
    """Ids of people with a name word equal to, starting with, sounding and spelt like, or one
    typo away from `term`."""
    term_variants = deletion_variants(term)
    # A name word that is the query less one letter (a letter typed twice or too many).
    keys = PersonNameKey.objects.filter(
        Q(word=term) | Q(word__startswith=term) | Q(phonetic=phonetic(term)) | Q(word__in=term_variants)
    )
    # A name word one letter longer than the query (a letter missing), or sharing a variant with
    # it (a letter changed, two letters swapped).
    # A three-letter query can be a four-letter name less one letter ("kai" for Kaci).
    may_be_variant = len(term) >= MIN_VARIANT_LENGTH - 1
    variants = (
        PersonNameVariant.objects.filter(variant__in=term_variants | {term}) if may_be_variant else None
    )
    if organisation_id is not None:
        keys = keys.filter(organisation_id_copy=organisation_id)
        if variants is not None:
            variants = variants.filter(organisation_id_copy=organisation_id)
    found = {
        person_id
        for person_id, word in keys.values_list("person_id", "word")
        if word.startswith(term) or fuzz.ratio(term, word) >= MIN_SIMILARITY or OSA.distance(term, word) <= 1
    }
    if variants is not None:
        found.update(
            person_id
            for person_id, word in variants.values_list("person_id", "word")
            if OSA.distance(term, word) <= 1
        )
    return found


def find_by_file_number(visible: QuerySet[Person], number: str) -> QuerySet[Person]:
    """The files among `visible` with this number, as typed or in upper case.

    An exact match uses the (organisation, file_number) index; a case-insensitive one would scan
    every file of the structure under the visibility rules (0.7 s on 100,000 files).
    """
    number = number.strip()
    return visible.filter(file_number__in={number, number.upper()})


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


def search_people(
    visible: QuerySet[Person], query: str, *, organisation_id: int | None = None
) -> list[Person]:
    """People among `visible` (already filtered for the user) matching the query, best first.

    `organisation_id` (the user's structure) narrows the name index before visibility applies.
    """
    query = query.strip()
    if not query:
        return []
    birth_date = _parse_date(query)
    if birth_date:
        return list(visible.filter(birth_date=birth_date)[:MAX_RESULTS])
    if _FILE_NUMBER.match(query):
        by_number = list(find_by_file_number(visible, query)[:MAX_RESULTS])
        if by_number:
            return by_number
    terms = [w for w in words(query) if len(w) >= 2]
    if not terms:
        return []
    ids: set[int] | None = None
    for term in terms:
        term_ids = _people_matching(term, organisation_id)
        ids = term_ids if ids is None else ids & term_ids  # every query word must match a name word
        if not ids:
            return []
    # Candidates come from the name index first; only then the user's visibility rules apply, on
    # a short list of ids (on 100,000 files the other way round scans the whole structure).
    found = list(visible.filter(pk__in=sorted(ids)[:MAX_CANDIDATES]))
    folded = fold(query)
    found.sort(key=lambda p: -fuzz.token_set_ratio(folded, p.search_name))
    return found[:MAX_RESULTS]
