"""Rule detectors for French identifiers that have a format: they need no model.

Each ``detect_*`` function takes the text and returns a list of :class:`Span` (offsets into the
text). Checksums are verified where the identifier has one (NIR key, IBAN mod 97); context words
decide what a bare number is (an allocataire number, a France Travail identifier, a residence
permit...). Amounts (``1 200 €``) are never phones.
"""

from __future__ import annotations

import re

from .model import (
    ADRESSE,
    DATE_NAISSANCE,
    EMAIL,
    FRANCE_TRAVAIL,
    IBAN,
    IDENTIFIANT,
    IMMATRICULATION,
    NIR,
    NUMERO_CAF,
    PASSEPORT,
    TELEPHONE,
    TITRE_SEJOUR,
    Span,
)

_AMOUNT_AFTER = re.compile(r"\s*(?:€|euros?\b|eur\b|EUR\b|k€|\$)", re.I)

# ---------------------------------------------------------------- phones

_PHONE_NATIONAL = re.compile(r"(?<![\w+])(?<!\d[ .\-])(?:\(0\)|0)(?:[ .\-]{0,3}\d){9}(?![ .\-]?\d)(?!\w)")
_PHONE_INTERNATIONAL = re.compile(
    r"(?<![\w+])(?:\+\s?|00)(?:33|3[0-9]|4[0-9]|2[0-9]{2}|35[0-9]|1|[5-9][0-9])"
    r"(?:[ .\-]{0,3}\(0\))?(?:[ .\-]{0,3}\d){6,11}(?![ .\-]?\d)(?!\w)"
)


def _digits(s: str) -> str:
    return re.sub(r"\D", "", s)


def detect_phones(text: str) -> list[Span]:
    spans = []
    for m in _PHONE_NATIONAL.finditer(text):
        digits = _digits(m.group())
        if len(digits) != 10 or digits[1] == "0":
            continue
        if _AMOUNT_AFTER.match(text, m.end()):
            continue
        spans.append(Span(m.start(), m.end(), TELEPHONE, m.group(), "regex:telephone", 0.95))
    for m in _PHONE_INTERNATIONAL.finditer(text):
        digits = _digits(m.group())
        raw = m.group().lstrip("+0 ")
        if raw.startswith("33") or digits.startswith(("33", "0033")):
            national = digits[4:] if digits.startswith("0033") else digits[2:]
            if national.startswith("0"):
                national = national[1:]
            if len(national) != 9:
                continue
        if _AMOUNT_AFTER.match(text, m.end()):
            continue
        spans.append(Span(m.start(), m.end(), TELEPHONE, m.group(), "regex:telephone", 0.95))
    return spans


# ---------------------------------------------------------------- e-mails

_EMAIL = re.compile(
    r"(?<![\w.+\-])[A-Za-z0-9][A-Za-z0-9._%+\-]*\s?@\s?[A-Za-z0-9](?:[A-Za-z0-9\-]*[A-Za-z0-9])?"
    r"(?:\.[A-Za-z0-9](?:[A-Za-z0-9\-]*[A-Za-z0-9])?)*\.[A-Za-z]{2,24}(?![\w\-])"
)


def detect_emails(text: str) -> list[Span]:
    return [Span(m.start(), m.end(), EMAIL, m.group(), "regex:email", 0.99) for m in _EMAIL.finditer(text)]


# ---------------------------------------------------------------- NIR

_NIR = re.compile(
    r"(?<![\w])([12378])[ .]?(\d{2})[ .]?(\d{2})[ .]?(\d{2}|2[AaBb])[ .]?(\d{3})[ .]?(\d{3})"
    r"(?:[ .]?(\d{2}))?(?![\w])"
)
_NIR_CONTEXT = re.compile(
    r"(?:\bNIR\b|s[ée]cu(?:rit[ée] sociale)?|\bN°\s*SS\b|\bSS\b|\bINSEE\b|carte vitale|immatriculation)",
    re.I,
)


def nir_key_ok(body13: str, key: str) -> bool:
    """The NIR key: 97 - (the 13 digits mod 97), with Corsica's 2A/2B counted as 19/18."""
    body = body13.upper()
    if "A" in body or "B" in body:
        corsica = 1000000 if "A" in body else 2000000
        number = int(body.replace("A", "0").replace("B", "0")) - corsica
    else:
        number = int(body)
    return int(key) == 97 - number % 97


def detect_mistyped_nir(text: str) -> list[Span]:
    """A NIR-shaped number with a wrong key right after "NIR" / "n° SS": not a NIR, but most
    likely a mistyped one, so still an identifier (low confidence: a human checks it)."""
    spans = []
    for m in _NIR.finditer(text):
        sex, year, month, dept, commune, order, key = m.groups()
        if key is None or nir_key_ok(sex + year + month + dept + commune + order, key):
            continue
        if _NIR_CONTEXT.search(text[max(0, m.start() - 40) : m.start()]):
            spans.append(Span(m.start(), m.end(), IDENTIFIANT, m.group(), "regex:nir-cle-fausse", 0.6))
    return spans


def detect_nir(text: str) -> list[Span]:
    spans = []
    for m in _NIR.finditer(text):
        sex, year, month, dept, commune, order, key = m.groups()
        if not ("01" <= month <= "12" or "20" <= month <= "42" or "50" <= month <= "99"):
            continue
        body = sex + year + month + dept + commune + order
        if key is not None:
            if nir_key_ok(body, key):
                spans.append(Span(m.start(), m.end(), NIR, m.group(), "regex:nir+cle", 0.99))
            continue
        before = text[max(0, m.start() - 40) : m.start()]
        if _NIR_CONTEXT.search(before):
            spans.append(Span(m.start(), m.end(), NIR, m.group(), "regex:nir+contexte", 0.85))
    return spans


# ---------------------------------------------------------------- IBAN

_IBAN_LENGTHS = {
    "FR": 27,
    "MC": 27,
    "DE": 22,
    "BE": 16,
    "ES": 24,
    "IT": 27,
    "PT": 25,
    "NL": 18,
    "LU": 20,
    "CH": 21,
    "GB": 22,
    "IE": 22,
    "AT": 20,
    "PL": 28,
    "RO": 24,
    "BG": 22,
    "TN": 24,
    "MA": 28,
    "DZ": 26,
    "SN": 28,
    "CI": 28,
    "ML": 28,
    "TR": 26,
    "GR": 27,
    "SE": 24,
    "DK": 18,
    "FI": 18,
    "NO": 15,
    "CZ": 24,
    "SK": 24,
    "HU": 28,
    "HR": 21,
    "SI": 19,
    "LT": 20,
    "LV": 21,
    "EE": 20,
    "UA": 29,
    "CM": 27,
    "MG": 27,
    "GP": 27,
    "MQ": 27,
    "RE": 27,
    "GF": 27,
    "YT": 27,
    "NC": 27,
    "PF": 27,
    "PM": 27,
    "BL": 27,
    "MF": 27,
    "WF": 27,
    "TF": 27,
}
_IBAN = re.compile(r"(?<![\w])([A-Z]{2}\d{2}(?:[ ]?[A-Z0-9]){10,30})", re.I)


def iban_ok(compact: str) -> bool:
    s = compact.upper()
    if not re.fullmatch(r"[A-Z]{2}\d{2}[A-Z0-9]+", s):
        return False
    rearranged = s[4:] + s[:4]
    number = "".join(str(int(c, 36)) for c in rearranged)
    return int(number) % 97 == 1


def detect_ibans(text: str) -> list[Span]:
    spans = []
    for m in _IBAN.finditer(text):
        raw = m.group(1)
        positions = [i for i, c in enumerate(raw) if c != " "]
        compact = raw.replace(" ", "")
        expected = _IBAN_LENGTHS.get(compact[:2].upper())
        lengths = [expected] if expected else range(len(compact), 14, -1)
        for length in lengths:
            if length is None or length > len(compact):
                continue
            if iban_ok(compact[:length]):
                end = m.start(1) + positions[length - 1] + 1
                spans.append(Span(m.start(1), end, IBAN, text[m.start(1) : end], "regex:iban+cle", 0.99))
                break
    return spans


# ---------------------------------------------------------------- licence plates

_LETTER = "[A-HJ-NP-TV-Z]"
_PLATE_SIV = re.compile(rf"(?<![\w\-]){_LETTER}{{2}}([- ]?)\d{{3}}\1{_LETTER}{{2}}(?![\w\-])")
_PLATE_FNI = re.compile(r"(?<![\w\-])\d{1,4}([- ]?)[A-Z]{1,3}\1(?:\d{2}|2[AB]|97[1-6])(?![\w\-])")
_VEHICLE_CONTEXT = re.compile(
    r"(?:immatricul|plaque|v[ée]hicule|voiture|camion|moto|scooter|fourgon|camionnette|auto\b|carte grise)",
    re.I,
)


def detect_plates(text: str) -> list[Span]:
    spans = []
    for m in _PLATE_SIV.finditer(text):
        context = _VEHICLE_CONTEXT.search(text[max(0, m.start() - 80) : m.start()])
        confidence = 0.97 if (m.group(1) == "-" or context) else 0.75
        spans.append(Span(m.start(), m.end(), IMMATRICULATION, m.group(), "regex:plaque", confidence))
    for m in _PLATE_FNI.finditer(text):
        if _VEHICLE_CONTEXT.search(text[max(0, m.start() - 80) : m.start()]):
            spans.append(Span(m.start(), m.end(), IMMATRICULATION, m.group(), "regex:plaque-fni", 0.85))
    return spans


# ---------------------------------------------------------------- numbers known by their context

_ID_TOKEN = re.compile(
    r"(?<![\w\-/.,])(?:[A-Z]{1,3} ?\d{5,9}|(?=[A-Z0-9\-]*\d)[A-Z0-9][A-Z0-9\-]{3,22}[A-Z0-9])(?![\w\-/]|[.,]\d)"
)
# (type, pattern of the words that announce it). The nearest announcing word wins.
_ID_CONTEXTS = [
    (NUMERO_CAF, re.compile(r"allocataire|\bn°\s*alloc\b|\bCAF\b|matricule CAF|MSA", re.I)),
    (
        FRANCE_TRAVAIL,
        re.compile(r"France Travail|P[ôo]le[ -]emploi|\bFT\b|\bPE\b|demandeur d'emploi|identifiant", re.I),
    ),
    (
        TITRE_SEJOUR,
        re.compile(
            r"titre de s[ée]jour|carte de s[ée]jour|carte de r[ée]sident|r[ée]c[ée]piss[ée]|"
            r"autorisation provisoire de s[ée]jour|\bAPS\b|AGDREF|num[ée]ro (?:d')?[ée]tranger|"
            r"\bVLS-TS\b|visa",
            re.I,
        ),
    ),
    (PASSEPORT, re.compile(r"passeport", re.I)),
    (
        IDENTIFIANT,
        re.compile(
            r"carte d'identit[ée]|\bCNI\b|\bn°|\bno\b|num[ée]ro|\bnum\b|dossier|contrat|r[ée]f[ée]rence|"
            r"\bréf\b|matricule|\bDLS\b|\bNUR\b|\bNUD\b|\bID\b|permis|compte|badge|licence|adh[ée]rent",
            re.I,
        ),
    ),
]
_CUE_ACRONYMS = {
    "CAF",
    "FT",
    "PE",
    "APS",
    "CNI",
    "DLS",
    "NIR",
    "SS",
    "MSA",
    "NUR",
    "NUD",
    "TS",
    "ID",
    "N",
    "NO",
}
_PHONE_WORDS = re.compile(r"t[ée]l|portable|joignable|appel|fixe|mobile|standard|SMS", re.I)


def _id_type(before: str) -> tuple[str, int] | None:
    """The identifier type announced in `before` and the distance of its cue.

    A specific cue (allocataire, France Travail, titre de séjour, passeport) wins over a generic
    one ("n°", "numéro") placed between it and the number: "allocataire n° 5830217".
    """
    best: tuple[str, int] | None = None
    specific: tuple[str, int] | None = None
    for kind, pattern in _ID_CONTEXTS:
        for m in pattern.finditer(before):
            distance = len(before) - m.end()
            if best is None or distance < best[1]:
                best = (kind, distance)
            if kind != IDENTIFIANT and distance <= 45 and (specific is None or distance < specific[1]):
                specific = (kind, distance)
    return specific or best


def detect_context_numbers(text: str) -> list[Span]:
    """Numbers made identifying by the words before them (allocataire, FT, titre de séjour...)."""
    spans = []
    for m in _ID_TOKEN.finditer(text):
        token, start = m.group(), m.start()
        prefix = re.match(r"([A-Z]{1,3}) (?=\d)", token)
        if prefix and prefix.group(1) in _CUE_ACRONYMS:
            token, start = token[prefix.end() :], start + prefix.end()
        digits = _digits(token)
        letters = sum(c.isalpha() for c in token)
        if len(digits) < 5 and not (len(digits) >= 4 and letters >= 1):
            continue
        if re.fullmatch(r"(?:19|20)\d{2}", token) or re.fullmatch(r"\d{5}", token) or _DATE.fullmatch(token):
            continue  # a year, a postal code or a date
        if _AMOUNT_AFTER.match(text, m.end()):
            continue
        line_start = text.rfind("\n", 0, start) + 1
        before = text[max(line_start, start - 70) : start]
        sentence_cut = max(before.rfind(". "), before.rfind("; "))
        if sentence_cut >= 0:
            before = before[sentence_cut + 2 :]
        cue = _id_type(before)
        if cue is not None:
            kind, distance = cue
            confidence = 0.95 if distance <= 25 else 0.85
            spans.append(Span(start, m.end(), kind, token, "regex:numero+contexte", confidence))
            continue
        # no cue: only shapes that are identifiers by themselves
        if re.fullmatch(r"\d{7}[A-Z]", token):
            spans.append(Span(start, m.end(), FRANCE_TRAVAIL, token, "regex:numero-ft", 0.7))
        elif re.fullmatch(r"\d{2}[A-Z]{2}\d{5}", token):
            spans.append(Span(start, m.end(), PASSEPORT, token, "regex:passeport", 0.8))
        elif len(digits) >= 8 and not _PHONE_WORDS.search(before):
            spans.append(Span(start, m.end(), IDENTIFIANT, token, "regex:numero-long", 0.6))
    return spans


# ---------------------------------------------------------------- dates of birth

_MONTHS = (
    r"(?:janv(?:ier)?|f[ée]vr?(?:ier)?|mars|avr(?:il)?|mai|juin|juil(?:let)?|ao[uû]t|sept(?:embre)?|"
    r"oct(?:obre)?|nov(?:embre)?|d[ée]c(?:embre)?)\.?"
)
_WEEKDAY = r"(?:lun|mar|mer|jeu|ven|sam|dim)(?:di|credi|redi|anche)?\.?,?\s+"
DATE_PATTERN = (
    r"(?:\d{1,2}[/.\-]\d{1,2}[/.\-](?:\d{4}|\d{2})"
    rf"|(?:{_WEEKDAY})?(?:1er|\d{{1,2}})\s+{_MONTHS}(?:\s+\d{{4}}|\s+\d{{2}}(?!\d))?"
    r"|\d(?: \d){7}"
    rf"|{_MONTHS}\s+\d{{4}}"
    r"|(?:19|20)\d{2})"
)
_DATE = re.compile(DATE_PATTERN, re.I)
_BIRTH_CUE = re.compile(
    r"(?:\bn[ée]e?s?\b(?:\s+(?:à|a)\s+[^,;:\n]{1,40}?)?\s+(?:le|en|au cours de)\b\s*"
    r"|\bdate de naissance\b\s*:?\s*(?:le\s+)?"
    r"|\bD\.?D\.?N\.?\s*:?\s*"
    r"|\bnaissance\s*:?\s*(?:le\s+)?"
    r"|\bn[ée]e?s?\s*:\s*)$",
    re.I,
)


_BIRTH_WORD = re.compile(r"\bn[ée]e?s?\b|naissance|\bD\.?D\.?N\b", re.I)


def detect_birthdates(text: str) -> list[Span]:
    spans = []
    seen: set[int] = set()
    for cue in _BIRTH_WORD.finditer(text):
        # a date within the 60 characters after a birth word, announced by it
        for m in _DATE.finditer(text, cue.start(), min(len(text), cue.end() + 60)):
            if m.start() in seen:
                continue
            before = text[max(0, m.start() - 60) : m.start()]
            if _BIRTH_CUE.search(before):
                seen.add(m.start())
                spans.append(Span(m.start(), m.end(), DATE_NAISSANCE, m.group(), "regex:date+contexte", 0.95))
    return spans


def dates_in(text: str) -> list[re.Match]:
    return list(_DATE.finditer(text))


def date_at(text: str, pos: int) -> re.Match | None:
    """A date starting exactly at `pos`, if any."""
    m = _DATE.match(text, pos)
    return m if m and (m.end() == len(text) or not text[m.end()].isalnum()) else None


# ---------------------------------------------------------------- street addresses

_WAY = (
    r"(?:rue|ruelle|avenue|av\.|bd|boulevard|bld|blvd|place|pl\.|chemin|all[ée]e|impasse|imp\.|route|rte|"
    r"quai|cours|square|passage|cit[ée]|lotissement|lieu[- ]dit|sentier|voie|rond[- ]point|faubourg|fbg|"
    r"hameau|parvis|promenade|esplanade|villa|mont[ée]e|traverse|chauss[ée]e|domaine|venelle|clos|"
    r"r[ée]sidence|square)"
)
_NUM = r"\d{1,4}(?:\s?(?:bis|ter|quater|[A-Da-d])\b)?"
_PARTICLE = r"(?:de|du|des|de la|de l['’]|d['’]|la|le|les|l['’]|aux|au|sur|sous|en|et|saint|sainte|st|ste)"
_FUNCTION = {
    "à",
    "a",
    "au",
    "aux",
    "pour",
    "depuis",
    "avec",
    "chez",
    "dans",
    "et",
    "ou",
    "où",
    "qui",
    "que",
    "est",
    "sont",
    "était",
    "il",
    "elle",
    "ils",
    "elles",
    "on",
    "nous",
    "vous",
    "je",
    "tu",
    "par",
    "vers",
    "puis",
    "mais",
    "donc",
    "car",
    "ne",
    "n",
    "pas",
    "plus",
    "sans",
    "après",
    "avant",
    "jusqu",
    "le",
    "la",
    "les",
    "un",
    "une",
    "ce",
    "cette",
    "son",
    "sa",
    "ses",
    "leur",
    "leurs",
    "lors",
    "en",
    "y",
    "dont",
    "si",
    "se",
    "s",
    "c",
    "qu",
    "afin",
    "chambre",
    "appartement",
}
_WORD = re.compile(r"[^\W\d_][\w'’\-]*", re.U)
_ADDRESS_START = re.compile(rf"(?<![\w])(?:({_NUM})\s*,?\s+)?({_WAY})(?=[\s,])", re.I)
_POSTCODE_TOWN = re.compile(
    r"\s*,?\s*(?:\d{5}|\d{2} \d{3}|2[AB] ?\d{3})\s+[^\W\d_][\w'’\-]*(?:[ \-][^\W\d_][\w'’\-]*){0,4}"
)
_BUILDING = re.compile(
    r"(?:b[âa]t(?:iment)?\.?|appt\.?|appartement|app\.?|apt\.?|escalier|esc\.|porte|log(?:ement)?\.? n°)"
    r"\s*(?:n°\s*)?[A-Z0-9]{1,5}\b"
    r"|r[ée]sidence\s+(?:(?:les|le|la|l['’]|des|du|de)\s*)?(?-i:[A-ZÉÈ][a-zéèêëàâîïôöûüç])[\w\-]*"
    r"(?:\s+(?-i:[A-ZÉÈ])[\w\-]*){0,3}"
    r"|\d{1,2}(?:e|er|ème|eme)\s+[ée]tage",
    re.I,
)


def _street_name_end(text: str, pos: int, lenient: bool) -> int | None:
    """End of the street name that starts at `pos`, or None when there is none."""
    end = None
    words = 0
    i = pos
    while words < 7:
        m = re.compile(r"[ \t]*,?[ \t]*" if lenient and words else r"[ \t]+").match(text, i)
        if not m:
            break
        j = m.end()
        if "," in m.group() and words:
            break
        w = _WORD.match(text, j)
        if not w:
            break
        word = w.group()
        low = word.lower()
        particle = re.fullmatch(_PARTICLE, low.rstrip("'’"), re.I) or low in ("d'", "l'", "d’", "l’")
        if particle:
            i = w.end()
            words += 1
            continue
        if low in _FUNCTION:
            break
        if not lenient and (not word[0].isupper() or (word.isupper() and len(word) <= 6)):
            break
        end = w.end()
        i = w.end()
        words += 1
    return end


def detect_addresses(text: str) -> list[Span]:
    spans = []
    for m in _ADDRESS_START.finditer(text):
        number, way = m.group(1), m.group(2)
        if number and re.fullmatch(r"(?:19|20)\d{2}", number.strip()):
            continue  # "le 1 janv 2099 Passage au bloc": a year, not a street number
        postcode_ahead = None
        end = _street_name_end(text, m.end(2), lenient=True)
        if end is not None:
            postcode_ahead = _POSTCODE_TOWN.match(text, end)
        strict_end = _street_name_end(text, m.end(2), lenient=False)
        if number or postcode_ahead:
            if end is None:
                continue
        else:
            if strict_end is None or way.lower().startswith(
                ("cours", "place", "voie", "passage", "villa", "clos")
            ):
                continue
            end = strict_end
        start = m.start()
        confidence = 0.95 if number else (0.9 if postcode_ahead else 0.75)
        if postcode_ahead:
            town_end = postcode_ahead.end()
            tail = _WORD.findall(text[postcode_ahead.start() : town_end])
            # stop the town at the first function word
            cut = town_end
            for w in tail:
                if w.lower() in _FUNCTION:
                    cut = text.find(w, postcode_ahead.start())
                    break
            end = max(end, len(text[:cut].rstrip(" ,")))
        spans.append(Span(start, end, ADRESSE, text[start:end], "regex:adresse", confidence))
    spans += [
        Span(m.start(), m.end(), ADRESSE, m.group(), "regex:adresse-complement", 0.8)
        for m in _BUILDING.finditer(text)
    ]
    return _merge_address_parts(text, spans)


def _merge_address_parts(text: str, spans: list[Span]) -> list[Span]:
    """Join a building, a flat, a residence and a street separated by commas into one address."""
    spans = sorted(spans, key=lambda s: (s.start, -s.end))
    merged: list[Span] = []
    for s in spans:
        if merged:
            last = merged[-1]
            gap = text[last.end : s.start]
            if s.start <= last.end or re.fullmatch(r"\s*,?\s*", gap):
                end = max(last.end, s.end)
                confidence = max(last.confidence, s.confidence)
                merged[-1] = Span(last.start, end, ADRESSE, text[last.start : end], last.detector, confidence)
                continue
        merged.append(s)
    # a lone complement ("porte 3") is an address only beside a street
    return [s for s in merged if s.detector == "regex:adresse" or s.confidence >= 0.9 or "sidence" in s.text]


ALL_RULES = (
    detect_emails,
    detect_ibans,
    detect_nir,
    detect_mistyped_nir,
    detect_phones,
    detect_plates,
    detect_context_numbers,
    detect_birthdates,
    detect_addresses,
)


def detect_all(text: str) -> list[Span]:
    spans: list[Span] = []
    for rule in ALL_RULES:
        spans.extend(rule(text))
    return spans
