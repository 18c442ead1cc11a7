"""The note's assistant page against a real local model server, on a fresh demo database.

    bash bench/local_llm.sh &          # or any OpenAI-compatible server on loopback
    .venv/bin/python bench/assist_page_real_model.py --base-url http://127.0.0.1:8080/v1 \
        --model smollm2-135m-instruct [--timeout 300] [--max-tokens 700]

What a structure and a professional do before the external model may be used, through Égide's
own services: the CCAS encadrant enables "draft_external" (with a justification), the worker
answers the AI literacy quizzes of the features the assistant uses, and records the person's "external_model" consent.
Then the worker's browser session (Django's test client, through every middleware) posts the
note's assistant form with "Modèle externe". Printed: the page's messages, the backend that
answered, the suggestions waiting for a decision, the access-log events of the call, and whether
any identifier of the file appears in what was sent (the hash of the pseudonymised input is logged).

The database is a throwaway SQLite file under a temporary directory: nothing else is touched.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base-url", required=True)
    parser.add_argument("--model", required=True)
    parser.add_argument("--timeout", default="300")
    parser.add_argument("--max-tokens", default="700")
    parser.add_argument("--worker", default="ccas.ts1")
    args = parser.parse_args()

    data_dir = tempfile.mkdtemp(prefix="egide-page-run-")
    os.environ.update(
        DJANGO_SETTINGS_MODULE="config.settings",
        EGIDE_DATA_DIR=data_dir,
        EGIDE_LLM_BASE_URL=args.base_url,
        EGIDE_LLM_MODEL=args.model,
        EGIDE_LLM_TIMEOUT=str(args.timeout),
        EGIDE_LLM_RETRIES="0",
        EGIDE_LLM_MAX_TOKENS=str(args.max_tokens),
    )
    os.environ.pop("DATABASE_URL", None)
    import django

    django.setup()
    from django.contrib.messages import get_messages
    from django.core.management import call_command
    from django.test import Client
    from django.urls import reverse

    from egide.accounts.models import User
    from egide.assist.models import NoteAssistRun, Suggestion
    from egide.assist.pipeline import pseudonymise_note
    from egide.audit.models import AccessEvent
    from egide.casework.models import Note
    from egide.consent.models import Consent
    from egide.consent.services import consent_record, purpose_by_code
    from egide.governance import register
    from egide.governance.literacy import path_for
    from egide.governance.models import FeatureStatus
    from egide.governance.services import feature_decide, literacy_complete

    print(f"base de démonstration jetable : {data_dir}")
    call_command("migrate", verbosity=0)
    call_command("loaddemo", verbosity=0, stdout=open(os.devnull, "w"))  # noqa: SIM115

    manager = User.objects.get(username="ccas.encadrant")
    worker = User.objects.get(username=args.worker)
    organisation = worker.membership.organisation
    feature = register.feature("draft_external")
    feature_decide(
        organisation=organisation,
        feature=feature,
        status=FeatureStatus.ENABLED,
        justification="Essai d'un modèle local sur le poste du service, décidé en réunion d'équipe.",
        actor=manager,
    )
    # The worker follows the literacy path of each feature the assistant uses.
    for code in ("pseudonymize", "extract", "draft_builtin", "draft_external"):
        path = path_for(code)
        if path is not None:
            answers = {q.key: str(q.answer) for q in path.questions}
            literacy_complete(actor=worker, feature=register.feature(code), answers=answers)
    note = (
        Note.objects.filter(author=worker, is_private=False, person__organisation=organisation)
        .select_related("person")
        .order_by("-occurred_at")
        .first()
    )
    purpose = purpose_by_code("external_model")
    consent_record(
        actor=worker,
        person=note.person,
        purpose=purpose,
        status=Consent.Status.GIVEN,
        method=Consent.Method.SCREEN,
        text_version=purpose.current_text,
        collected_by=worker,
    )

    client = Client()
    client.force_login(worker)
    url = reverse("assist:note_assistant", args=[note.pk])
    assert client.get(url).status_code == 200
    response = client.post(url, {"backend": "externe"})
    page = client.get(response["Location"])
    print(f"note n°{note.pk} du dossier {note.person.file_number}, {len(note.text)} caractères")
    print(f"POST {url} (Modèle externe) -> HTTP {response.status_code}, page {page.status_code}")
    for message in get_messages(page.wsgi_request):
        print(f"  message ({message.level_tag}) : {message}")
    run = NoteAssistRun.objects.filter(note=note).latest("pk")
    print(f"réponse de : {run.backend} {run.model_name}".rstrip())
    waiting = Suggestion.objects.filter(note=note, decision=Suggestion.Decision.PENDING)
    by_kind = {}
    for suggestion in waiting:
        by_kind[suggestion.get_feature_display()] = by_kind.get(suggestion.get_feature_display(), 0) + 1
    print(f"suggestions en attente de décision : {by_kind or 'aucune'}")
    for suggestion in waiting:
        value = str(suggestion.suggested_value).replace("\n", " ")
        print(
            f"  {suggestion.get_feature_display()} ({suggestion.grounding_flag_count} alerte(s) de "
            f"vérification) : {value[:240]}"
        )
    for event in AccessEvent.objects.filter(person_id=note.person_id, action__in=["envoi", "refus"]):
        print(f"  journal : {event.get_action_display()} {event.object_type} — {event.reason}")
    # What left: the note as the pipeline pseudonymises it (its sha256 is logged with each
    # suggestion); none of the file's names may be in it.
    sent = pseudonymise_note(note).text
    digest = hashlib.sha256(sent.encode("utf-8")).hexdigest()
    logged = set(
        Suggestion.objects.filter(note=note, backend=run.backend).values_list("input_hash", flat=True)
    )
    if logged:
        print(f"empreinte du texte pseudonymisé {digest[:16]}… présente dans le journal : {digest in logged}")
    else:
        print(f"empreinte du texte pseudonymisé {digest[:16]}… (aucune suggestion : rien à journaliser)")
    names = [n for n in note.person.name_variants() if len(n) > 2]
    leaked = [n for n in names if n.lower() in sent.lower()]
    print(f"noms du dossier dans le texte envoyé : {leaked or 'aucun'} (cherchés : {', '.join(names)})")
    print("extrait envoyé : " + sent[:300].replace("\n", " ") + "…")
    return 0


if __name__ == "__main__":
    sys.exit(main())
