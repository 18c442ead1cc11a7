"""A client for any OpenAI-compatible chat endpoint (Albert API, Mistral, vLLM, Ollama, llama.cpp).

It only ever receives pseudonymised text: `analyse` takes the result of
`egide.pseudonymize.pseudonymize`, never a plain string, and the pipeline calls the caller's
authorisation before it. The request goes through `egide.consent.egress.http_post_json`, Égide's
only network path, which refuses to send outside `egide.consent.gateway.send_outside` (the
person's consent checked, the send logged). The answer must be JSON in the shape asked; anything
else (endpoint down, too slow, not JSON, wrong shape) raises `BackendError` with a French message,
and the caller falls back to the built-in backend.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import time
import urllib.error
from typing import Any

from ..amounts import AMOUNT_KINDS
from ..lexicons import NEED_LABELS
from ..templates import Template
from ..text import fold
from ..types import (
    Action,
    Amount,
    Appointment,
    BackendInfo,
    Draft,
    DraftSection,
    DraftSentence,
    Extraction,
    Need,
    Span,
)
from .base import BackendError, ExternalCallRefused

CHANNEL = "modele_externe"  # egide.consent.gateway's channel for model endpoints

SYSTEM_PROMPT = (
    "Tu aides un ou une travailleuse sociale à relire une note d'entretien. Les noms et identifiants "
    "sont remplacés par des marqueurs entre crochets comme [PERSONNE_1] : garde-les tels quels, n'en "
    "invente aucun. N'ajoute aucun fait absent de la note (pas de diagnostic, pas de préconisation, pas de "
    "chiffre, pas de date, pas de nom qui n'y figurent pas). Garde les mots de la professionnelle et les "
    "paroles citées de la personne. Réponds uniquement par un objet JSON."
)


def _user_prompt(text: str, note_date: dt.date | None, template: Template | None) -> str:
    sections = {s.key: s.description or s.title for s in template.sections} if template is not None else {}
    shape = {
        "besoins": [{"label": "un de : " + ", ".join(NEED_LABELS), "preuve": "mots exacts de la note"}],
        "rendez_vous": [
            {"date": "AAAA-MM-JJ", "heure": "HH:MM ou null", "avec": "qui ou quoi", "preuve": "mots exacts"}
        ],
        "montants": [{"valeur": 0.0, "nature": "|".join(AMOUNT_KINDS), "preuve": "mots exacts"}],
        "actions": [{"texte": "action à mener, avec les mots de la note", "preuve": "mots exacts"}],
        "compte_rendu": {key: ["phrases reprises ou très proches de la note"] for key in sections},
    }
    when = note_date.isoformat() if note_date else "inconnue"
    return (
        f"Date de la note : {when}.\n"
        f"Sections du compte rendu : {json.dumps(sections, ensure_ascii=False)}\n"
        f"Réponds avec ce schéma JSON : {json.dumps(shape, ensure_ascii=False)}\n\n"
        f"Note :\n{text}"
    )


def _loads_json_object(content: str) -> dict[str, Any]:
    content = content.strip()
    fenced = re.fullmatch(r"```(?:json)?\s*(.*?)\s*```", content, re.S)
    if fenced:
        content = fenced.group(1)
    try:
        data = json.loads(content)
    except json.JSONDecodeError:
        raise BackendError(
            "Le service d'IA externe a répondu dans un format illisible (pas du JSON)."
        ) from None
    if not isinstance(data, dict):
        raise BackendError("Le service d'IA externe a répondu dans un format inattendu (objet JSON attendu).")
    return data


def _list_of_dicts(data: dict[str, Any], key: str) -> list[dict[str, Any]]:
    value = data.get(key, [])
    if value is None:
        return []
    if not isinstance(value, list) or not all(isinstance(x, dict) for x in value):
        raise BackendError(
            f"Le service d'IA externe a répondu dans un format inattendu (« {key} » doit être une liste)."
        )
    return value


def _locate(evidence: Any, text: str, folded: str) -> list[Span]:
    """Where the model's quoted evidence stands in the text it was given (case and accents aside)."""
    if not isinstance(evidence, str) or len(evidence.strip()) < 2:
        return []
    needle = fold(evidence.strip())
    at = folded.find(needle)
    return [Span(at, at + len(needle))] if at >= 0 else []


class OpenAICompatibleBackend:
    """POST {base_url}/chat/completions; JSON asked, validated, evidence located in the note."""

    external = True

    def __init__(
        self,
        base_url: str,
        model: str,
        api_key: str = "",
        timeout: float = 30.0,
        retries: int = 1,
        *,
        max_tokens: int = 1500,
        version: str = "1.0",
    ) -> None:
        if not base_url:
            raise ValueError("L'adresse du service d'IA externe n'est pas configurée.")
        if not base_url.startswith(("http://", "https://")):
            raise ValueError("L'adresse du service d'IA externe doit commencer par http:// ou https://.")
        self.base_url = base_url.rstrip("/")
        self.model = model
        self.api_key = api_key
        self.timeout = timeout
        self.retries = max(0, int(retries))
        # A bound on the answer: a small model in JSON mode may otherwise write until its context
        # is full (minutes of a shared CPU) before the timeout cuts it.
        self.max_tokens = max(1, int(max_tokens))
        self.info = BackendInfo("openai_compatible", version, model)

    @classmethod
    def from_settings(cls, settings) -> OpenAICompatibleBackend | None:
        """From Django's settings (EGIDE_LLM_*), or None when no endpoint is configured."""
        base_url = getattr(settings, "EGIDE_LLM_BASE_URL", "")
        if not base_url:
            return None
        return cls(
            base_url,
            getattr(settings, "EGIDE_LLM_MODEL", ""),
            api_key=getattr(settings, "EGIDE_LLM_API_KEY", ""),
            timeout=float(getattr(settings, "EGIDE_LLM_TIMEOUT", 30)),
            retries=int(getattr(settings, "EGIDE_LLM_RETRIES", 1)),
            max_tokens=int(getattr(settings, "EGIDE_LLM_MAX_TOKENS", 1500)),
        )

    # -- transport ---------------------------------------------------------------------------

    def _post(self, payload: dict[str, Any]) -> dict[str, Any]:
        """One POST through Égide's egress layer, retried on failure.

        `egide.consent.egress.http_post_json` is the only network path of Égide: it refuses to
        run outside `egide.consent.gateway.send_outside` (consent checked, SEND logged).
        """
        from egide.consent import egress

        headers = {"Accept": "application/json"}
        if self.api_key:
            headers["Authorization"] = f"Bearer {self.api_key}"
        url = f"{self.base_url}/chat/completions"
        last: BackendError | None = None
        for attempt in range(self.retries + 1):
            try:
                answer = egress.http_post_json(
                    channel=CHANNEL, url=url, payload=payload, headers=headers, timeout=self.timeout
                )
            except egress.GatewayBypass as exc:
                raise ExternalCallRefused(
                    "L'envoi au service d'IA externe n'est pas autorisé : il doit passer par la "
                    "vérification du consentement de la personne."
                ) from exc
            except egress.EgressError as exc:
                cause = exc.__cause__
                if isinstance(cause, urllib.error.HTTPError):
                    cause.close()  # the error holds the open response
                if isinstance(cause, urllib.error.HTTPError) and cause.code in (401, 403):
                    raise BackendError(
                        "Le service d'IA externe refuse l'accès (clé d'API absente ou invalide)."
                    ) from None
                if isinstance(cause, urllib.error.HTTPError) and cause.code < 500 and cause.code != 429:
                    raise BackendError(
                        f"Le service d'IA externe a refusé la demande (erreur HTTP {cause.code})."
                    ) from None
                if isinstance(cause, TimeoutError) or "timed out" in str(exc):
                    last = BackendError(
                        f"Le service d'IA externe n'a pas répondu à temps (plus de {self.timeout:g} s)."
                    )
                elif isinstance(cause, urllib.error.HTTPError):
                    last = BackendError(f"Le service d'IA externe est en erreur (HTTP {cause.code}).")
                elif str(exc).startswith("Le service extérieur a renvoyé une réponse illisible"):
                    raise BackendError(
                        "Le service d'IA externe a renvoyé une réponse illisible (pas du JSON)."
                    ) from None
                else:
                    last = BackendError(
                        "Le service d'IA externe est injoignable (serveur arrêté ou adresse erronée)."
                    )
            else:
                if not isinstance(answer, dict):
                    raise BackendError("Le service d'IA externe a répondu dans un format inattendu.")
                return answer
            if attempt < self.retries:
                time.sleep(min(2.0, 0.2 * (attempt + 1)))
        assert last is not None
        raise last

    def _chat(self, text: str, note_date: dt.date | None, template: Template | None) -> dict[str, Any]:
        answer = self._post(
            {
                "model": self.model,
                "temperature": 0,
                "max_tokens": self.max_tokens,
                "response_format": {"type": "json_object"},
                "messages": [
                    {"role": "system", "content": SYSTEM_PROMPT},
                    {"role": "user", "content": _user_prompt(text, note_date, template)},
                ],
            }
        )
        try:
            choice = answer["choices"][0]
            content = choice["message"]["content"]
        except (KeyError, IndexError, TypeError):
            raise BackendError(
                "Le service d'IA externe a répondu dans un format inattendu (pas de message de réponse)."
            ) from None
        if not isinstance(content, str):
            raise BackendError("Le service d'IA externe a répondu dans un format inattendu (message vide).")
        if choice.get("finish_reason") == "length":
            raise BackendError(
                f"La réponse du service d'IA externe a été coupée (plus de {self.max_tokens} jetons) : "
                "elle n'est pas utilisable."
            )
        return _loads_json_object(content)

    # -- analysis ------------------------------------------------------------------------------

    def analyse(
        self,
        pseudonymized,
        *,
        note_date: dt.date | None = None,
        default_date: dt.date | None = None,
        year_hint: int | None = None,
        template: Template | None = None,
    ) -> tuple[Extraction, Draft | None]:
        """Suggestions over the pseudonymised text (spans refer to `pseudonymized.text`)."""
        if isinstance(pseudonymized, str) or not hasattr(pseudonymized, "mapping"):
            raise TypeError("the external backend only takes a pseudonymisation result, never plain text")
        text: str = pseudonymized.text
        data = self._chat(text, note_date or default_date, template)
        folded = fold(text)
        info = self.info
        extraction = Extraction(
            note_date=note_date or default_date,
            note_date_source="fourni" if note_date else "date par défaut" if default_date else "",
        )
        for item in _list_of_dicts(data, "besoins"):
            label = item.get("label")
            if label in NEED_LABELS and label not in {n.label for n in extraction.needs}:
                spans = _locate(item.get("preuve"), text, folded)
                extraction.needs.append(Need(label, spans, 0.7 if spans else 0.3, info))
        for item in _list_of_dicts(data, "rendez_vous"):
            try:
                day = dt.date.fromisoformat(str(item.get("date")))
            except ValueError:
                continue  # a date the model could not resolve is no suggestion
            hour = item.get("heure")
            spans = _locate(item.get("preuve"), text, folded)
            extraction.appointments.append(
                Appointment(
                    date=day,
                    spans=spans,
                    confidence=0.7 if spans else 0.3,
                    backend=info,
                    time=hour if isinstance(hour, str) and re.fullmatch(r"\d\d:\d\d", hour) else None,
                    with_=str(item.get("avec") or ""),
                    label=str(item.get("preuve") or ""),
                )
            )
        for item in _list_of_dicts(data, "montants"):
            value = item.get("valeur")
            if isinstance(value, bool) or not isinstance(value, int | float):
                try:
                    value = float(str(value).replace(" ", "").replace(",", "."))
                except ValueError:
                    continue
            kind = item.get("nature") if item.get("nature") in AMOUNT_KINDS else "autre"
            spans = _locate(item.get("preuve"), text, folded)
            extraction.amounts.append(Amount(float(value), kind, spans, 0.7 if spans else 0.3, info))
        for item in _list_of_dicts(data, "actions"):
            words = item.get("texte")
            if isinstance(words, str) and words.strip():
                spans = _locate(item.get("preuve"), text, folded) or _locate(words, text, folded)
                extraction.actions.append(Action(words.strip(), "", spans, 0.7 if spans else 0.3, info))
        draft = None
        if template is not None:
            report = data.get("compte_rendu", {})
            if not isinstance(report, dict):
                raise BackendError(
                    "Le service d'IA externe a répondu dans un format inattendu (compte rendu)."
                )
            sections = []
            for section in template.sections:
                lines = report.get(section.key, [])
                if isinstance(lines, str):
                    lines = [lines]
                if not isinstance(lines, list):
                    raise BackendError(
                        "Le service d'IA externe a répondu dans un format inattendu (compte rendu)."
                    )
                sentences = [
                    DraftSentence(line.strip(), _locate(line, text, folded))
                    for line in lines
                    if isinstance(line, str) and line.strip()
                ]
                sections.append(DraftSection(section.key, section.title, sentences))
            draft = Draft(template.name, sections, info)
        return extraction, draft
