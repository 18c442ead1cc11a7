"""Known identities: every variant of a name the file knows is found, whatever its form.

Variants: any case, with or without accents, hyphen or space or nothing between the parts of a
compound ("Jean-Pierre", "Jean Pierre", "JEANPIERRE"), the first name or the last name alone, the
initial of the first name before the last name ("F. Benali", "F Benali") and a title followed
by the initial of the last name ("Mme B.").
"""

from __future__ import annotations

import re

from .model import KnownIdentity, Span, fold

_TITLE = r"(?:m\.?|mr\.?|mme|mlle|madame|monsieur|mademoiselle|dr\.?|docteur|me|ma[iî]tre)"
_LEFT = r"(?<![\w\-])"
_RIGHT = r"(?![\w\-])"


def _part_pattern(name: str) -> str | None:
    """Regex (on folded text) for one name: its words joined by a hyphen, a space or nothing."""
    words = [w for w in re.split(r"[\s\-‐]+", fold(name).strip()) if w]
    if not words:
        return None
    escaped = [re.escape(w).replace("'", "['’ ]?") for w in words]
    return r"[\s\-‐]*".join(escaped)


def _initials(names: list[str]) -> str:
    letters = sorted({fold(n.strip())[0] for n in names if n.strip()})
    return "".join(re.escape(c) for c in letters)


def known_spans(text: str, folded: str, identities: list[KnownIdentity]) -> list[Span]:
    spans: list[Span] = []
    for ident in identities:
        firsts = [p for p in map(_part_pattern, ident.first_names) if p]
        lasts = [p for p in map(_part_pattern, ident.last_names) if p]
        aliases = [p for p in map(_part_pattern, ident.aliases) if p]
        alternatives = sorted(firsts + lasts + aliases, key=len, reverse=True)
        patterns: list[tuple[re.Pattern, int]] = []
        if lasts:
            last_alt = "|".join(sorted(lasts, key=len, reverse=True))
            first_initials = _initials(ident.first_names)
            if first_initials:
                # "F. Benali", "F Benali", "F.-X. Benali"
                patterns.append(
                    (
                        re.compile(
                            rf"{_LEFT}([{first_initials}]\.?(?:-?[a-z]\.)?[\s\-]*(?:{last_alt})){_RIGHT}"
                        ),
                        1,
                    )
                )
            last_initials = _initials(ident.last_names)
            # "Mme B." after a title: the initial of the last name
            patterns.append((re.compile(rf"{_LEFT}{_TITLE}\s+([{last_initials}]\.)"), 1))
        if alternatives:
            patterns.append((re.compile(rf"{_LEFT}((?:{'|'.join(alternatives)})){_RIGHT}"), 1))
        for pattern, group in patterns:
            for m in pattern.finditer(folded):
                start, end = m.span(group)
                if end > start:
                    spans.append(Span(start, end, ident.kind, text[start:end], "identite-connue", 1.0))
    return spans
