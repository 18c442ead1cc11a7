"""Full-text search over encrypted notes through a blind index.

Note texts are encrypted at rest, so the database cannot search them. Each note gets one row
per distinct word: HMAC-SHA256(index key, French Snowball stem of the folded word), truncated.
A query is hashed the same way and notes holding every query word are returned.

Trade-off (documented in the README): exact words and their inflections are found
("expulsion" finds "expulsions"), substrings and typos are not; whoever holds the database sees
how often each (hashed) word occurs and which notes share words, but not the words. The index
key derives from the current data key, so a key rotation rebuilds the index.
"""

from __future__ import annotations

import hashlib
import hmac

from django.db.models import Count, QuerySet

from egide.common.text import stem, words
from egide.privacy.crypto import keyring

from .models import Note, NoteSearchToken

# Words too common to be worth indexing (they would only leak frequencies).
STOP_WORDS = frozenset(
    [
        "a",
        "au",
        "aux",
        "avec",
        "ce",
        "ces",
        "dans",
        "de",
        "des",
        "du",
        "elle",
        "en",
        "et",
        "il",
        "ils",
        "je",
        "la",
        "le",
        "les",
        "leur",
        "lui",
        "ma",
        "mais",
        "me",
        "mes",
        "mon",
        "ne",
        "nos",
        "notre",
        "nous",
        "on",
        "ou",
        "par",
        "pas",
        "pour",
        "qu",
        "que",
        "qui",
        "sa",
        "se",
        "ses",
        "son",
        "sur",
        "ta",
        "te",
        "tes",
        "toi",
        "ton",
        "tu",
        "un",
        "une",
        "vos",
        "votre",
        "vous",
        "y",
        "est",
        "sont",
        "ete",
        "etre",
        "avoir",
        "a",
        "fait",
        "plus",
        "tres",
    ]
)


def _index_key() -> bytes:
    ring = keyring()
    return hmac.new(ring.keys[ring.current_id], b"egide-blind-index-v1", hashlib.sha256).digest()


def tokens_for(text: str) -> set[str]:
    key = _index_key()
    result = set()
    for word in words(text):
        if word in STOP_WORDS or len(word) < 2:
            continue
        result.add(hmac.new(key, stem(word).encode(), hashlib.sha256).hexdigest()[:32])
    return result


def index_note(note: Note) -> None:
    NoteSearchToken.objects.filter(note=note).delete()
    NoteSearchToken.objects.bulk_create(
        NoteSearchToken(note=note, organisation_id_copy=note.organisation_id, token=token)
        for token in tokens_for(note.text)
    )


def search_notes(visible: QuerySet[Note], query: str, *, organisation_id: int) -> QuerySet[Note]:
    """Notes among `visible` (already filtered for the user) containing every word of the query."""
    wanted = tokens_for(query)
    if not wanted:
        return visible.none()
    matching = (
        NoteSearchToken.objects.filter(organisation_id_copy=organisation_id, token__in=wanted)
        .values("note_id")
        .annotate(hits=Count("token", distinct=True))
        .filter(hits=len(wanted))
        .values("note_id")
    )
    return visible.filter(pk__in=matching)
