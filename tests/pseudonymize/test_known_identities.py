"""Known identities are removed in every occurrence and variant (property-based)."""

from __future__ import annotations

import re
import unicodedata

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from egide.pseudonymize import KnownIdentity, pseudonymize
from egide.pseudonymize.lexicons import first_names, last_names
from egide.pseudonymize.model import fold

TEMPLATE_WORDS = {
    "entretien",
    "avec",
    "explique",
    "que",
    "quitte",
    "domicile",
    "appel",
    "jour",
    "viendra",
    "cms",
    "sans",
    "accents",
    "rappeler",
    "mme",
    "madame",
    "monsieur",
    "note",
    "pour",
    "dossier",
    "caf",
}
SETTINGS = settings(
    max_examples=25,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)

ACCENTED = "éèêëàâîïôöûüçñ"


def strip_accents(s: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFD", s) if not unicodedata.combining(c))


def _ok(name: str) -> bool:
    return len(name) >= 3 and fold(name) not in TEMPLATE_WORDS


invented = st.builds(
    lambda head, tail: (head + tail).capitalize(),
    st.sampled_from("bcdfghjklmnprstvz"),
    st.text(alphabet="aeiouybcdfghklmnrstvz" + ACCENTED, min_size=3, max_size=9),
).filter(_ok)
from_lexicon_first = (
    st.sampled_from(sorted(n for n in first_names() if n.isalpha())).map(str.title).filter(_ok)
)
from_lexicon_last = st.sampled_from(sorted(n for n in last_names() if n.isalpha())).map(str.title).filter(_ok)
simple_first = st.one_of(invented, from_lexicon_first)
compound_first = st.builds(lambda a, b: f"{a}-{b}", simple_first, simple_first)
first_name = st.one_of(simple_first, compound_first)
last_name = st.one_of(
    invented,
    from_lexicon_last,
    st.builds(lambda a, b: f"{a}-{b}", from_lexicon_last, invented),
    st.builds(lambda p, a: f"{p} {a}", st.sampled_from(["Le", "Da", "Ben", "Van"]), invented),
)


def variants(first: str, last: str) -> list[str]:
    return [
        f"{first} {last}",
        f"{last.upper()} {first}",
        first.lower(),
        strip_accents(first),
        first.replace("-", " "),
        first.replace("-", "").upper(),
        f"Mme {last.upper()}",
        f"M. {strip_accents(last).lower()}",
        f"{first[0]}. {last}",
        f"{first[0]} {last}",
        last.replace("-", " "),
        last,
    ]


def remaining(text: str, first: str, last: str) -> list[str]:
    """Parts of the name (3 letters or more) still readable in `text`, accents and case aside."""
    folded = fold(text)
    left = []
    for part in re.split(r"[\s\-]+", f"{first} {last}"):
        key = fold(part)
        if len(key) < 3 or key in ("le", "da", "ben", "van"):
            continue
        if re.search(rf"(?<![a-z0-9]){re.escape(key)}(?![a-z0-9])", folded):
            left.append(part)
    joined = fold(first.replace("-", "")) if "-" in first else None
    if joined and joined in folded.replace(" ", ""):
        left.append(first)
    return left


@SETTINGS
@given(first=first_name, last=last_name, picks=st.lists(st.integers(0, 11), min_size=3, max_size=8))
def test_every_variant_of_a_known_identity_is_removed(engine, first, last, picks):
    forms = variants(first, last)
    chosen = [forms[i] for i in picks]
    sentences = [
        f"Entretien avec {chosen[0]} au CMS.",
        f"{chosen[1]} explique que le dossier CAF est bloqué.",
        f"Appel de {chosen[2]} ce jour, viendra mardi.",
    ] + [f"Note pour {form} : rappeler." for form in chosen[3:]]
    text = "\n".join(sentences)
    result = pseudonymize(text, known=[KnownIdentity(first_names=[first], last_names=[last])])
    assert remaining(result.text, first, last) == [], (text, result.text)
    assert "CMS" in result.text and "CAF" in result.text


@SETTINGS
@given(first=first_name, last=last_name)
def test_known_identity_inside_an_email_takes_the_whole_address(engine, first, last):
    local = strip_accents(f"{first}.{last}").lower().replace(" ", "")
    text = f"Contact : {local}@exemple.fr ou {first} directement."
    result = pseudonymize(text, known=[KnownIdentity(first_names=[first], last_names=[last])])
    assert "@exemple.fr" not in result.text
    assert remaining(result.text, first, last) == []


def test_short_forms_of_a_known_identity(engine):
    known = [KnownIdentity(first_names=["Jean-Pierre"], last_names=["Benali"])]
    text = "JP a vu Jean Pierre, puis JEAN-PIERRE et jeanpierre ; J.-P. Benali, Mme B. et M. BENALI aussi."
    result = pseudonymize(text, known=known)
    lowered = fold(result.text)
    assert "jean" not in lowered and "pierre" not in lowered and "benali" not in lowered
    assert "Mme B." not in result.text
    assert "J.-P." not in result.text
