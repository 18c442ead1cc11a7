"""Round trip: pseudonymise, let a "model" rework the text, put the identities back."""

from __future__ import annotations

import json
import re

from egide.pseudonymize import Mapping, pseudonymize, reidentify

NOTE = (
    "Mme Claudine Verhaeghe, née le 02/05/1961, vit au 17 rue des Glycines à Wattrelos. "
    "Son fils Mattéo l'aide pour les courses. Tél : 06 23 45 67 81. "
    "Dossier CAF, allocataire n° 4829173. Elle souhaite revoir M. Dubreuil, son ancien référent."
)


def model_rewrite(text: str) -> str:
    """What a model does: reorder sentences, rephrase around placeholders, change their case."""
    placeholders = re.findall(r"\[[A-Z_]+_\d+\]", text)
    sentences = [s for s in re.split(r"(?<=\.)\s+", text) if s]
    rephrased = " ".join(reversed(sentences))
    summary = "Synthèse : " + ", ".join(p.lower().replace("[", "[ ") for p in placeholders) + "."
    return summary + "\n" + rephrased


def test_every_placeholder_comes_back_to_its_value(engine):
    result = pseudonymize(NOTE)
    mapping = Mapping.from_dict(json.loads(json.dumps(result.mapping.to_dict())))  # stored, then reloaded
    output = model_rewrite(result.text)
    back = reidentify(output, mapping)
    assert back.unknown_placeholders == []
    assert not re.search(r"\[\s*[A-Za-z_]+_\d+\s*\]", back.text)
    for span in result.spans:
        assert span.text in back.text
    # every sentence of the note is back, identities included
    for sentence in re.split(r"(?<=\.)\s+", NOTE):
        assert sentence in back.text
    assert back.restored >= len(result.spans)


def test_an_invented_identity_is_reported_not_filled_in(engine):
    result = pseudonymize(NOTE)
    output = result.text + " À transmettre à [PERSONNE_9] et [TELEPHONE_4]."
    back = reidentify(output, result.mapping)
    assert back.unknown_placeholders == ["[PERSONNE_9]", "[TELEPHONE_4]"]
    assert "[PERSONNE_9]" in back.text and "[TELEPHONE_4]" in back.text
    assert "Verhaeghe" in back.text


def test_a_mapping_shared_across_a_file(engine):
    mapping = Mapping()
    a = pseudonymize("Visite chez Mme Verhaeghe.", mapping=mapping)
    b = pseudonymize("Mme VERHAEGHE rappelle le CCAS.", mapping=mapping)
    assert a.spans[0].placeholder == b.spans[0].placeholder
    back = reidentify(a.text + " " + b.text, mapping)
    assert back.unknown_placeholders == []
    assert "Verhaeghe" in back.text


def test_reidentify_without_placeholders_changes_nothing():
    back = reidentify("Aucun marqueur ici.", Mapping())
    assert (back.text, back.unknown_placeholders, back.restored) == ("Aucun marqueur ici.", [], 0)


def test_segments_rebuild_the_note_for_highlighting(engine):
    from egide.pseudonymize import segments

    result = pseudonymize(NOTE)
    pieces = segments(NOTE, result.spans)
    assert "".join(text for text, _ in pieces) == NOTE
    marked = [(text, span.type) for text, span in pieces if span is not None]
    assert any("Verhaeghe" in t and k == "PERSONNE" for t, k in marked)
    assert len(marked) == len(result.spans)
