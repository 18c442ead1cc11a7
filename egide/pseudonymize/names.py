"""Person names: spaCy's French NER plus context rules and name lexicons.

Evidence for a name, from strongest to weakest: a title before it (M., Mme, Dr, Me...), a
relation word (sa fille, son époux...), spaCy's NER, the name lexicons (given names and family
names of many origins), the shape of a line (a signature, a "Nom, Prénom, date" header). A name
found once is then found everywhere in the text, whatever its case or accents; a name that is
also a French word ("Rose", "Petit") is only propagated where it is capitalised.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .lexicons import (
    ACRONYMS,
    BRANDS,
    CAPITAL_ONLY_TITLES,
    LABELS,
    NOT_NAMES,
    ORG_CUES,
    ORGANISATIONS,
    PARTICLES,
    RELATIONS,
    TITLES,
    CommonWords,
    first_names,
    last_names,
)
from .model import PERSONNE, Span, fold

_WORDLIKE = re.compile(r"[^\W\d_](?:[\w'’\-]*[^\W\d_])?", re.U)
_INITIAL = re.compile(r"[A-ZÉÈ]\.(?:-?[A-ZÉÈ]\.)?")
_BARE_INITIAL = re.compile(r"[A-ZÉÈ]")
_SENTENCE_PUNCT = {".", "!", "?", ":", ";", "–", "—", "-", "•", "*", "(", "«", '"', "…", "/", ">", "[", "]"}
_STRONG_PLACE_PREPS = {"à", "a", "au", "aux", "en", "vers", "depuis", "sur", "sous", "près"}
_PLACE_PREPS = {"à", "a", "au", "aux", "en", "vers", "de", "d'", "d’", "depuis", "sur", "sous", "près", "par"}
_DATEISH = re.compile(r"[\d.\-/:h]+|\d+(?:er|e|ème)?")
_DATE_WORDS = {
    "lun",
    "mar",
    "mer",
    "jeu",
    "ven",
    "sam",
    "dim",
    "lundi",
    "mardi",
    "mercredi",
    "jeudi",
    "vendredi",
    "samedi",
    "dimanche",
    "janv",
    "janvier",
    "fevr",
    "fev",
    "fevrier",
    "mars",
    "avr",
    "avril",
    "mai",
    "juin",
    "juil",
    "juillet",
    "aout",
    "sept",
    "septembre",
    "oct",
    "octobre",
    "nov",
    "novembre",
    "dec",
    "decembre",
    "le",
    "ne",
    "nee",
    "ans",
    "an",
}
_DETERMINERS = {
    "le",
    "la",
    "les",
    "l'",
    "l’",
    "un",
    "une",
    "des",
    "du",
    "ce",
    "cette",
    "mon",
    "ma",
    "son",
    "sa",
}
_AGE_AFTER = re.compile(r"\s*[,(]?\s*(?:âgée?s? de\s+)?\d{1,3}\s*(?:ans|an|mois|semaines|jours)\b")
_LINKING = {"le", "ne", "nee", "ans", "an"}
_FUNCTION = {
    "et",
    "ou",
    "le",
    "la",
    "les",
    "un",
    "une",
    "des",
    "du",
    "de",
    "a",
    "à",
    "au",
    "est",
    "qui",
    "que",
    "en",
    "y",
    "il",
    "elle",
    "ne",
    "pas",
    "se",
    "sa",
    "son",
    "ses",
    "pour",
    "par",
    "avec",
    "dans",
    "sur",
    "chez",
    "ce",
    "cette",
    "mais",
    "donc",
    "car",
    "plus",
    "très",
    "bien",
    "lui",
    "leur",
}


@dataclass
class _Tok:
    text: str
    start: int
    end: int
    folded: str
    line_start: bool  # first word of a line
    sent_start: bool  # first word of a sentence
    space: bool  # a whitespace token
    ent: str = ""  # spaCy's entity label of the token


class NameDetector:
    def __init__(self, nlp) -> None:
        self.common = CommonWords(nlp)
        self.first = first_names()
        self.last = last_names()
        self._common_cache: dict[str, bool] = {}
        self._lex_cache: dict[str, tuple[bool, bool]] = {}
        self._namey_cache: dict[tuple[str, bool], bool] = {}
        self._fold_cache: dict[str, str] = {}

    # ------------------------------------------------------------ token features

    def _tokens(self, doc) -> list[_Tok]:
        toks: list[_Tok] = []
        prev_text = None
        folds = self._fold_cache
        if len(folds) > 200_000:
            folds.clear()
        line_start = True
        for t in doc:
            if t.is_space:
                toks.append(_Tok(t.text, t.idx, t.idx + len(t.text), "", False, False, True, t.ent_type_))
                if "\n" in t.text:
                    line_start = True
                prev_text = None if "\n" in t.text else prev_text
                continue
            sent = (
                line_start
                or prev_text is None
                or prev_text in _SENTENCE_PUNCT
                or bool(re.fullmatch(r"\d+[.)]", prev_text or ""))
            )
            toks.append(
                _Tok(
                    t.text,
                    t.idx,
                    t.idx + len(t.text),
                    folds.get(t.text) or folds.setdefault(t.text, fold(t.text)),
                    line_start,
                    sent,
                    False,
                    t.ent_type_,
                )
            )
            line_start = "\n" in t.whitespace_
            prev_text = t.text
        return toks

    def is_common(self, text: str) -> bool:
        found = self._common_cache.get(text)
        if found is None:
            found = self._common_cache[text] = self._is_common(text)
            if len(self._common_cache) > 200_000:
                self._common_cache.clear()
        return found

    def _is_common(self, text: str) -> bool:
        parts = [p for p in re.split(r"[-’']", text) if p]
        return bool(parts) and all(p.lower() in self.common for p in parts)

    def in_lexicon(self, folded: str) -> tuple[bool, bool]:
        found = self._lex_cache.get(folded)
        if found is None:
            found = self._lex_cache[folded] = self._in_lexicon(folded)
            if len(self._lex_cache) > 200_000:
                self._lex_cache.clear()
        return found

    def _in_lexicon(self, folded: str) -> tuple[bool, bool]:
        if folded in self.first or folded in self.last:
            return folded in self.first, folded in self.last
        parts = [p for p in folded.split("-") if p]
        if len(parts) < 2 or parts[0] in ("saint", "sainte", "st", "ste"):
            return False, False
        named = all(p in self.first or p in self.last for p in parts)
        return named and any(p in self.first for p in parts), named and all(
            p not in self.first for p in parts
        )

    @staticmethod
    def _wordlike(tok: _Tok) -> bool:
        return (
            len(tok.text) <= 40
            and not tok.space
            and _WORDLIKE.fullmatch(tok.text) is not None
            and not tok.text.endswith(("'", "’"))
        )

    def _namey(self, tok: _Tok, *, lower_ok: bool = False) -> bool:
        """Could be part of a name: a capitalised word that is not an acronym nor a cue word."""
        key = (tok.text, lower_ok)
        found = self._namey_cache.get(key)
        if found is None:
            found = self._namey_cache[key] = self._namey_uncached(tok, lower_ok)
            if len(self._namey_cache) > 200_000:
                self._namey_cache.clear()
        return found

    def _namey_uncached(self, tok: _Tok, lower_ok: bool) -> bool:
        if not self._wordlike(tok):
            return False
        if tok.folded in ACRONYMS or tok.folded in NOT_NAMES:
            return False
        if tok.folded in ORG_CUES and tok.text[0].islower():
            return False
        if tok.text[0].isupper():
            return not (tok.text.isupper() and len(tok.text) <= 2)
        if lower_ok:
            return tok.text.lower() not in _FUNCTION and not self.is_common(tok.text) and len(tok.text) >= 3
        return False

    # ------------------------------------------------------------ chunks

    def _next(self, toks: list[_Tok], i: int) -> int | None:
        """Index of the next token on the same line."""
        j = i + 1
        if j < len(toks) and toks[j].space:
            if "\n" in toks[j].text:
                return None
            j += 1
        return j if j < len(toks) else None

    def _prev(self, toks: list[_Tok], i: int) -> int | None:
        j = i - 1
        if j >= 0 and toks[j].space:
            if "\n" in toks[j].text:
                return None
            j -= 1
        return j if j >= 0 else None

    def _expand(self, toks: list[_Tok], i: int, j: int, *, lower_ok: bool, left: bool) -> tuple[int, int]:
        """Grow the chunk toks[i..j] over neighbouring name parts."""
        count = j - i + 1
        k = self._next(toks, j)
        while k is not None and count < 6:
            t = toks[k]
            if t.folded in PARTICLES and t.folded not in ("e", "y"):
                n = self._next(toks, k)
                if t.text in ("de", "du", "des", "d'", "d’") and not self.in_lexicon(toks[j].folded)[0]:
                    break  # "Claire Dupont de Bolbec": a place, unless "Charles de ..."
                if (
                    n is not None
                    and self._namey(toks[n])
                    and toks[n].text[0].isupper()
                    and toks[n].ent != "LOC"
                ):
                    j, k, count = n, self._next(toks, n), count + 2
                    continue
                break
            if _INITIAL.fullmatch(t.text) or (
                _BARE_INITIAL.fullmatch(t.text) and self._after_initial_ok(toks, k)
            ):
                j, k, count = k, self._next(toks, k), count + 1
                continue
            lower_chunk = all(toks[x].space or toks[x].text[:1].islower() for x in range(i, j + 1))
            if lower_chunk and t.text[:1].isupper() and self.is_common(t.text) and not self._lexical(t):
                break  # "cecile Admission en service": a sentence starts
            if (
                lower_chunk
                and lower_ok
                and t.text[:1].islower()
                and self.in_lexicon(t.folded)[0]
                and t.folded not in _FUNCTION
            ):
                j, k, count = k, self._next(toks, k), count + 1
                continue
            if self._namey(t, lower_ok=lower_ok) and t.folded not in ORG_CUES:
                j, k, count = k, self._next(toks, k), count + 1
                continue
            break
        if left:
            k = self._prev(toks, i)
            while k is not None and count < 6:
                t = toks[k]
                if t.folded in TITLES or t.folded in ORG_CUES or t.folded in RELATIONS:
                    break
                if not self._namey(t, lower_ok=lower_ok):
                    break
                fn, ln = self.in_lexicon(t.folded)
                if t.sent_start and self.is_common(t.text) and not (fn or ln):
                    break
                if t.text.isupper() and len(t.text) <= 3 and not (fn or ln):
                    break
                i, k, count = k, self._prev(toks, k), count + 1
        return i, j

    def _short_line(self, toks: list[_Tok], i: int, limit: int = 6) -> bool:
        """Whether token i sits on a line of at most `limit` words (a header, a signature)."""
        count = 0
        k = i
        while k > 0 and not (toks[k - 1].space and "\n" in toks[k - 1].text):
            k -= 1
            count += self._wordlike(toks[k])
            if count > limit:
                return False
        k = i
        while k < len(toks) and not (toks[k].space and "\n" in toks[k].text):
            count += self._wordlike(toks[k])
            if count > limit:
                return False
            k += 1
        return True

    def _after_place_prep(self, toks: list[_Tok], i: int) -> bool:
        p = self._prev(toks, i)
        return p is not None and toks[p].text.lower() in _PLACE_PREPS

    def _after_initial_ok(self, toks: list[_Tok], k: int) -> bool:
        """A bare capital letter ends a name ("Paris M :", "Rachid B") unless a word follows."""
        n = self._next(toks, k)
        return n is None or not self._wordlike(toks[n]) or toks[n].text[0].islower()

    def _org_before(self, toks: list[_Tok], i: int) -> bool:
        k = self._prev(toks, i)
        if k is None:
            return False
        t = toks[k]
        if t.text.lower() in ("l'", "l’"):
            return True
        if t.folded in ORG_CUES or fold(t.text.rstrip(".")) in ORG_CUES:
            return True
        # "collège Jean Moulin", "rue du Docteur Roux": a cue one or two words further back
        k2 = self._prev(toks, k)
        if (
            k2 is not None
            and toks[k2].text.lower() in ("l'", "l’")
            and t.text[:1].isupper()
            and not self._lexical(t)
            and t.folded not in RELATIONS
        ):
            return True
        return bool(
            k2 is not None
            and toks[k].text.lower() in ("du", "de", "des", "la", "le")
            and toks[k2].folded in ORG_CUES
        )

    # ------------------------------------------------------------ detection

    def detect(self, doc, text: str, rule_spans: list[Span], allow: set[str]) -> list[Span]:
        toks = self._tokens(doc)
        found: list[tuple[int, int, float, str]] = []  # token index range, confidence, detector

        def add(i: int, j: int, conf: float, detector: str) -> None:
            while i <= j and (
                toks[i].folded in allow or (toks[i].folded in PARTICLES and not toks[i].text[:1].isupper())
            ):
                i += 1
            while j >= i and (toks[j].folded in allow or toks[j].folded in PARTICLES or toks[j].space):
                j -= 1
            if i > j:
                return
            if not detector.startswith("contexte:civilite") and self._org_before(toks, i):
                return
            chunk = text[toks[i].start : toks[j].end]
            if fold(chunk) in ORGANISATIONS or fold(chunk) in allow:
                return
            found.append((i, j, conf, detector))

        n = len(toks)
        for i, t in enumerate(toks):
            if t.space:
                continue
            low = t.folded
            # 1. titles: M. Dupont, Mme S. K., Dr Le Bihan, Madame rossin Yvette
            if low in TITLES and (low not in CAPITAL_ONLY_TITLES or t.text[0].isupper()):
                j = self._next(toks, i)
                if j is not None and toks[j].text == "." and low in ("m", "mr", "dr", "pr"):
                    j = self._next(toks, j)
                if j is None:
                    continue
                nt = toks[j]
                if _INITIAL.fullmatch(nt.text) or (self._namey(nt) and nt.text[0].isupper()):
                    a, b = self._expand(toks, j, j, lower_ok=True, left=False)
                    add(a, b, 0.95, "contexte:civilite")
                elif low not in ("me",) and self._namey(nt, lower_ok=True):
                    a, b = self._expand(toks, j, j, lower_ok=True, left=False)
                    add(a, b, 0.75, "contexte:civilite")
                continue
            # 2. relations: sa fille Lyna, son fils, Frédéric, ; labels: Usager : meric, lorene
            if low in RELATIONS or low in LABELS:
                j = self._next(toks, i)
                label = False
                if j is not None and toks[j].text in (",", ":"):
                    label = toks[j].text == ":" and low in LABELS
                    j = self._next(toks, j)
                if j is None:
                    continue
                nt = toks[j]
                if nt.folded in TITLES or nt.folded in ORG_CUES:
                    continue
                if low in LABELS and not label and low not in RELATIONS:
                    continue
                if (
                    self._namey(nt)
                    and nt.text[0].isupper()
                    and not (self.is_common(nt.text) and not self._lexical(nt))
                ):
                    a, b = self._expand(toks, j, j, lower_ok=True, left=False)
                    add(a, b, 0.85, "contexte:relation")
                elif (label or (low in LABELS and low not in ("de", "par", "nom"))) and self._namey(
                    nt, lower_ok=True
                ):
                    a, b = self._expand(toks, j, j, lower_ok=True, left=False)
                    add(a, b, 0.8, "contexte:libelle")
                    self._comma_names(toks, b, add)
                continue
            # 3. initials before a name: F. Hamadi, J.-P. Martin
            if _INITIAL.fullmatch(t.text):
                j = self._next(toks, i)
                if (
                    j is not None
                    and self._namey(toks[j])
                    and toks[j].text[0].isupper()
                    and not self._org_before(toks, i)
                ) and (not self.is_common(toks[j].text) or any(self.in_lexicon(toks[j].folded))):
                    a, b = self._expand(toks, i, j, lower_ok=False, left=False)
                    add(a, b, 0.85, "contexte:initiale")
                continue
            # 4. a word and a bare capital before a colon or a comma: "Paris M :", "Rachid B,"
            if self._namey(t) and t.text[0].isupper() and not t.text.isupper():
                j = self._next(toks, i)
                if j is not None and (
                    _BARE_INITIAL.fullmatch(toks[j].text) or _INITIAL.fullmatch(toks[j].text)
                ):
                    k = self._next(toks, j)
                    if (
                        k is None
                        or toks[k].text in (":", ",", ")", ";")
                        or (toks[j].text.endswith(".") and (k >= n or not toks[k].text[:1].isupper()))
                    ) and not self._org_before(toks, i):
                        add(i, j, 0.8, "contexte:nom+initiale")
            # 5. a capitalised word followed by an age: "Sirine, 18 mois", "Yanis (11 ans)"
            if (
                self._namey(t)
                and t.text[0].isupper()
                and not self.is_common(t.text)
                and not (t.text.isupper() and len(t.text) <= 4 and not self._lexical(t))
                and _AGE_AFTER.match(text, t.end)
                and not self._org_before(toks, i)
                and not self._after_place_prep(toks, i)
            ):
                a, b = self._expand(toks, i, i, lower_ok=True, left=True)
                add(a, b, 0.8, "contexte:age")
            # 6. lexicons
            if self._namey(t, lower_ok=True):
                fn, ln = self.in_lexicon(t.folded)
                if not (fn or ln) or t.folded in BRANDS or self._org_before(toks, i):
                    continue
                lower = t.text[0].islower()
                if self.is_common(t.text):
                    # "Marie", "Olivier", "Rose" inside a sentence are names; at its start, words
                    p = self._prev(toks, i)
                    if lower or not fn or t.sent_start:
                        continue
                    if p is not None and (
                        toks[p].text.lower() in _PLACE_PREPS or toks[p].text.lower() in _DETERMINERS
                    ):
                        continue
                    if self._in_entity(doc, t, ("LOC", "ORG")) and t.sent_start:
                        continue
                    a, b = self._expand(toks, i, i, lower_ok=True, left=True)
                    add(a, b, 0.7, "lexique:prenom")
                    continue
                if t.text.isupper() and len(t.text) <= 3:
                    continue
                if lower:
                    if not fn or len(t.text) < 4:
                        continue
                    a, b = self._expand(toks, i, i, lower_ok=True, left=True)
                    if a < i and not toks[a].line_start and not self._short_line(toks, i):
                        a, b = self._expand(toks, i, i, lower_ok=False, left=False)  # "wesh c sofiane"
                    if b > a or len(t.text) >= 5:  # short lower-case words only beside another name part
                        add(a, b, 0.6, "lexique:prenom")
                    continue
                p = self._prev(toks, i)
                if not fn and p is not None and toks[p].text.lower() in _PLACE_PREPS:
                    continue
                if self._in_entity(doc, t, ("LOC", "ORG")) and (
                    not fn or (p is not None and toks[p].text.lower() in _STRONG_PLACE_PREPS)
                ):
                    continue
                conf = 0.85 if fn else (0.65 if t.sent_start else 0.75)
                a, b = self._expand(toks, i, i, lower_ok=True, left=True)
                add(a, b, conf, "lexique:prenom" if fn else "lexique:nom")

        # 6. spaCy NER
        for ent in doc.ents:
            if ent.label_ != "PER":
                continue
            i, j = ent.start, ent.end - 1
            # cut at a line break
            for k in range(i, j + 1):
                if toks[k].space and "\n" in toks[k].text:
                    j = k - 1
                    break
            while i <= j and (
                toks[i].space
                or toks[i].folded in TITLES
                or toks[i].folded in NOT_NAMES
                or toks[i].folded in ACRONYMS
                or toks[i].folded in ORG_CUES
                or toks[i].folded in RELATIONS
                or (toks[i].sent_start and self.is_common(toks[i].text) and not self._lexical(toks[i]))
            ):
                i += 1
            while j >= i and (
                toks[j].space
                or toks[j].folded in ACRONYMS
                or toks[j].folded in NOT_NAMES
                or toks[j].folded in ORG_CUES
                or not self._wordlike(toks[j])
            ):
                if _INITIAL.fullmatch(toks[j].text):
                    break
                j -= 1
            if i <= j and not self._short_line(toks, i):
                # in running text, lower-case words the model put around a name are not the name
                def loose(t: _Tok) -> bool:
                    return t.text[:1].islower() and not self._lexical(t) and t.folded not in PARTICLES

                while i <= j and loose(toks[i]):
                    i += 1
                while j >= i and loose(toks[j]):
                    j -= 1
            if i > j or self._org_before(toks, i):
                continue
            words = [toks[k] for k in range(i, j + 1) if self._wordlike(toks[k])]
            if not words:
                continue
            if all(self.is_common(w.text) and not self._lexical(w) for w in words):
                continue
            if len(words) == 1:
                w = words[0]
                if w.folded in BRANDS:
                    continue
                if w.text[0].islower() and (self.is_common(w.text) or not self._lexical(w)):
                    continue  # "ma mere", "jen": lower-case words the model took for names
                if w.text.isupper() and not self._lexical(w):
                    continue  # an acronym (EPDS, ITT)
            if any(w.folded in ORG_CUES for w in words):
                continue
            conf = 0.85 if (len(words) > 1 or self._lexical(words[0])) else 0.7
            add(i, j, conf, "ner:spacy")

        # 7. short lines made only of names, dates and contact details (signatures, headers)
        self._name_lines(toks, text, rule_spans, add)

        spans = [
            Span(toks[i].start, toks[j].end, PERSONNE, text[toks[i].start : toks[j].end], det, conf)
            for i, j, conf, det in found
        ]
        return spans

    def _lexical(self, tok: _Tok) -> bool:
        fn, ln = self.in_lexicon(tok.folded)
        return fn or ln

    @staticmethod
    def _in_entity(doc, tok: _Tok, labels: tuple[str, ...]) -> bool:
        return tok.ent in labels

    def _comma_names(self, toks: list[_Tok], b: int, add) -> None:
        """After a label, "dupont, jean" names both parts."""
        k = self._next(toks, b)
        while k is not None and toks[k].text == ",":
            m = self._next(toks, k)
            if m is None or not self._namey(toks[m], lower_ok=True):
                return
            a2, b2 = self._expand(toks, m, m, lower_ok=True, left=False)
            add(a2, b2, 0.8, "contexte:libelle")
            k = self._next(toks, b2)

    @staticmethod
    def _covered(toks: list[_Tok], spans: list[Span]) -> list[str]:
        """For each token, the type of the rule span (date, phone...) that covers it, or ""."""
        marks = [""] * len(toks)
        if not spans:
            return marks
        ordered = sorted((s.start, s.end, s.type) for s in spans)
        pos = 0
        for k, t in enumerate(toks):
            while pos < len(ordered) and ordered[pos][1] <= t.start:
                pos += 1
            q = pos
            while q < len(ordered) and ordered[q][0] <= t.start:
                if t.end <= ordered[q][1]:
                    marks[k] = ordered[q][2]
                    break
                q += 1
        return marks

    def _name_lines(self, toks: list[_Tok], text: str, rule_spans: list[Span], add) -> None:
        """Lines made only of names (and dates, phones, e-mails): signatures, "NOM, Prénom, date"."""
        lines: list[list[int]] = [[]]
        for k, t in enumerate(toks):
            if t.space and "\n" in t.text:
                lines.append([])
            elif not t.space:
                lines[-1].append(k)
        single_line = sum(1 for line in lines if line) == 1
        covered = self._covered(toks, rule_spans)
        for line in lines:
            if not line:
                continue
            names: list[int] = []
            structured = False
            ok = True
            for k in line:
                t = toks[k]
                if covered[k]:
                    structured = structured or covered[k] != "ADRESSE"
                    continue
                if t.text in (",", ";", "-", "–", "/", "(", ")", "."):
                    continue
                if _DATEISH.fullmatch(t.text) or t.folded.rstrip(".") in _DATE_WORDS:
                    structured = structured or t.folded not in _LINKING
                    continue
                if t.folded in TITLES:
                    continue
                if t.folded in ACRONYMS or t.folded in ORG_CUES or t.folded in NOT_NAMES:
                    ok = False
                    break
                if t.folded in PARTICLES or _INITIAL.fullmatch(t.text):
                    names.append(k)
                    continue
                if (
                    self._wordlike(t)
                    and t.text.lower() not in _FUNCTION
                    and (len(t.text) >= 3 or not t.text.isupper())
                    and (
                        not self.is_common(t.text)
                        or self._lexical(t)
                        or (t.text.isupper() and len(t.text) >= 3)
                    )
                ):
                    names.append(k)
                    continue
                ok = False
                break
            words = [
                k for k in names if toks[k].folded not in PARTICLES and not _INITIAL.fullmatch(toks[k].text)
            ]
            if not ok or not words or len(words) > 4:
                continue
            lexical = any(self._lexical(toks[k]) and not self.is_common(toks[k].text) for k in words) or (
                len(words) > 1 and all(self._lexical(toks[k]) for k in words)
            )
            if not lexical and not structured and not single_line:
                continue
            if not lexical:
                # unknown words beside an address are towns; alone or beside a date, names
                words = [k for k in words if not self.is_common(toks[k].text) or self._lexical(toks[k])]
                if not words:
                    continue
            if not (lexical or structured or single_line):
                continue
            if len(words) == 1 and self.is_common(toks[words[0]].text) and not structured and not single_line:
                continue
            a, b = names[0], names[-1]
            add(a, b, 0.75 if lexical else 0.6, "contexte:ligne-nom")
            for k in words:
                add(k, k, 0.75 if lexical else 0.6, "contexte:ligne-nom")
