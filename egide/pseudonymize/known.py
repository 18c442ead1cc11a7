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


def _part_pattern(name: str) -> str | None:
    """Regex (on folded text) for one name: its words joined by a hyphen, a space or nothing."""
    words = [w for w in re.split(r"[\s\-‐]+", fold(name).strip()) if w]
    if not words:
        return None
    words = [re.escape(w).replace("'", "['’ ]?").replace("’", "['’ ]?") for w in words]
    return r"[\s\-‐]*".join(words) if len(words) > 1 else words[0]


def known_spans(text: str, folded: str, identities: list[KnownIdentity]) -> list[Span]:
    spans: list[Span] = []
    for ident in identities:
        firsts = [p for p in (_part_pattern(n) for n in ident.first_names) if p]
        lasts = [p for p in (_part_pattern(n) for n in ident.last_names) if p]
        aliases = [p for p in (_part_pattern(n) for n in ident.aliases) if p]
        initials = sorted({fold(n.strip())[0] for n in ident.first_names if n.strip()})
        alternatives = []
        if lasts:
            last_alt = "|".join(lasts)
            if initials:
                alternatives.append(rf"(?:[{''.join(map(re.escape, initials))}]\.?[\s\-]*)(?:{last_alt})")
            alternatives.append(
                rf"(?<={_TITLE}\s)(?:{last_alt}|[{''.join(sorted({fold(n.strip())[0] for n in ident.last_names if n.strip()}))}]\.)"
            )
        alternatives += firsts + lasts + aliases
        if not alternatives:
            continue
        pattern = re.compile(r"(?<![\w\-])(?:" + "|".join(f"(?:{a})" for a in alternatives) + r")(?![\w\-])")
        for m in pattern.finditer(folded):
            if m.end() > m.start():
                spans.append(
                    Span(m.start(), m.end(), ident.kind, text[m.start() : m.end()], "identite-connue", 1.0)
                )
    return spans
