"""Directory import and search, referrals with consent, answers recorded in the file."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from egide.accounts.models import Role
from egide.audit.models import AccessEvent
from egide.casework.models import Note
from egide.common.taxonomy import NEEDS
from egide.consent.models import Consent
from egide.orientation.demo import load_demo_services
from egide.orientation.importer import ImportFileError, import_file
from egide.orientation.models import Referral, Service
from egide.orientation.search import Criteria, haversine_km, search_services
from egide.orientation.services import referral_reminders
from egide.orientation.taxonomy import NEED_THEMATIQUES, THEMATIQUE_LABELS
from tests.consent.factories import catalogue, decide
from tests.factories import PersonFactory, TeamFactory, member
from tests.governance.factories import allow_ai

pytestmark = pytest.mark.django_db


def test_every_need_maps_to_real_thematiques():
    assert set(NEED_THEMATIQUES) == set(NEEDS)
    for values in NEED_THEMATIQUES.values():
        for value in values:
            if value.endswith("--"):
                assert any(t.startswith(value) for t in THEMATIQUE_LABELS), value
            else:
                assert value in THEMATIQUE_LABELS, value


def test_haversine_paris_lyon():
    assert haversine_km(48.8566, 2.3522, 45.7640, 4.8357) == pytest.approx(392, abs=3)


def _service(**overrides):
    row = {
        "source": "test",
        "structure_id": "test--s1",
        "id": "test--1",
        "nom": "Aide alimentaire",
        "description": "Distribution de colis alimentaires.",
        "date_maj": "2026-01-01",
        "thematiques": ["equipement-et-alimentation--alimentation"],
        "modes_accueil": ["en-presentiel"],
        "code_insee": "47001",
        "latitude": 44.2,
        "longitude": 0.6,
    }
    row.update(overrides)
    return row


def test_import_json_reports_each_invalid_row_and_keeps_the_others(tmp_path):
    data = {
        "structures": [{"source": "test", "id": "test--s1", "nom": "Association", "date_maj": "2026-01-01"}],
        "services": [
            _service(),
            _service(id="test--2", nom="ab"),
            _service(id="test--3", thematiques=["inventee"]),
            _service(id="test--4", latitude="nord"),
            _service(id="test--5", structure_id="test--absente"),
            "pas un objet",
        ],
    }
    path = tmp_path / "export.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    report = import_file(path)
    assert report.services == 1
    reasons = {error.line: error.reason for error in report.errors}
    assert set(reasons) == {2, 3, 4, 5, 6}
    assert "nom : texte trop court" in reasons[2]
    assert "inconnue du référentiel" in reasons[3]
    assert "latitude : nombre illisible" in reasons[4]
    assert "structure « test--absente » inconnue" in reasons[5]
    assert Service.objects.get().name == "Aide alimentaire"
    # re-import updates, never duplicates
    import_file(path)
    assert Service.objects.count() == 1


def test_import_csv_with_structure_columns(tmp_path):
    path = tmp_path / "export.csv"
    path.write_text(
        "id;source;structure_id;structure_nom;nom;description;date_maj;thematiques;code_insee\n"
        "t--1;t;t--s;Épicerie;Épicerie solidaire;Produits à petit prix.;2026-02-01;equipement-et-alimentation--alimentation;47001\n"
        "t--2;t;t--s;Épicerie;Sans date;Produits à petit prix.;;;47001\n",
        encoding="utf-8",
    )
    report = import_file(path)
    assert report.services == 1
    assert [e.line for e in report.errors] == [3]
    assert "champ obligatoire manquant" in report.errors[0].reason


def test_unreadable_file_is_one_french_error(tmp_path):
    path = tmp_path / "cassé.json"
    path.write_text("[{", encoding="utf-8")
    with pytest.raises(ImportFileError, match="JSON illisible"):
        import_file(path)


def test_search_by_need_place_distance_and_mode():
    report = load_demo_services()
    assert report.errors == [] and report.services >= 30
    food = search_services(Criteria(need="alimentation"))
    assert food and all("equipement-et-alimentation--" in hit.service.thematiques for hit in food)
    agen = search_services(Criteria(need="logement", commune="47001"))
    assert agen and all(hit.service.code_insee == "47001" for hit in agen)
    near = search_services(Criteria(latitude=44.2033, longitude=0.6163, radius_km=5))
    assert near and all(hit.distance_km <= 5 for hit in near)
    assert [h.distance_km for h in near] == sorted(h.distance_km for h in near)
    far = search_services(Criteria(latitude=44.2033, longitude=0.6163, radius_km=50))
    assert len(far) > len(near)
    remote = search_services(Criteria(mode="a-distance"))
    assert remote and all(",a-distance," in hit.service.modes_accueil for hit in remote)
    free = search_services(Criteria(free_only=True))
    assert all(hit.service.frais == "gratuit" for hit in free)


@pytest.fixture
def setting():
    catalogue()
    load_demo_services()
    team = TeamFactory()
    worker = member(Role.WORKER, team=team)
    allow_ai(worker, "orientation")
    person = PersonFactory(organisation=team.organisation, team=team, phone="06 11 22 33 44")
    service = Service.objects.filter(thematiques__contains="alimentation").first()
    return {"team": team, "worker": worker, "person": person, "service": service}


def refer_url(setting):
    return reverse("orientation:refer", args=[setting["person"].pk, setting["service"].pk])


def test_referral_without_consent_sends_nothing_and_keeps_the_form(client, setting):
    client.force_login(setting["worker"])
    response = client.post(
        refer_url(setting), {"items": ["identite", "message"], "message": "Besoin urgent de colis."}
    )
    assert response.status_code == 400
    body = response.content.decode()
    assert "Pas de consentement" in body
    assert "Besoin urgent de colis." in body
    assert not Referral.objects.exists()
    assert AccessEvent.objects.filter(
        person_id=setting["person"].pk, action=AccessEvent.Action.REFUSED
    ).exists()


def test_referral_with_consent_sends_only_chosen_items_and_answer_goes_in_the_file(client, setting):
    person, worker, service = setting["person"], setting["worker"], setting["service"]
    decide(person, worker, "partner_sharing", Consent.Status.GIVEN, partner=service.structure.name)
    client.force_login(worker)
    response = client.post(refer_url(setting), {"items": ["identite"]})
    assert response.status_code == 302
    referral = Referral.objects.get()
    assert referral.status == Referral.Status.SENT
    assert referral.consent is not None
    payload = json.loads(referral.payload)
    assert set(payload) == {"identite"}
    assert "06 11" not in referral.payload
    assert AccessEvent.objects.filter(person_id=person.pk, action=AccessEvent.Action.SEND).exists()

    answer = reverse("orientation:answer", args=[person.pk, referral.pk])
    bad = client.post(answer, {f"r{referral.pk}-status": "refusee", f"r{referral.pk}-reason": ""})
    assert bad.status_code == 400
    assert "Indiquez le motif du refus." in bad.content.decode()
    ok = client.post(answer, {f"r{referral.pk}-status": "refusee", f"r{referral.pk}-reason": "Hors secteur"})
    assert ok.status_code == 302
    referral.refresh_from_db()
    assert referral.status == Referral.Status.REFUSED
    note = Note.objects.get(pk=referral.outcome_note_id)
    assert "refusée (motif : Hors secteur)" in note.text


def test_nothing_chosen_is_a_french_error(client, setting):
    client.force_login(setting["worker"])
    response = client.post(refer_url(setting), {"message": "x"})
    assert response.status_code == 400
    assert "Choisissez au moins un élément à transmettre." in response.content.decode()


def test_reminders_expire_old_referrals(setting):
    person, worker, service = setting["person"], setting["worker"], setting["service"]
    old = Referral.objects.create(
        organisation=person.organisation,
        person=person,
        service=service,
        created_by=worker,
        items=",identite,",
        expires_on=timezone.localdate() - dt.timedelta(days=1),
    )
    waiting = Referral.objects.create(
        organisation=person.organisation,
        person=person,
        service=service,
        created_by=worker,
        items=",identite,",
        expires_on=timezone.localdate() + dt.timedelta(days=10),
    )
    Referral.objects.filter(pk=waiting.pk).update(created_at=timezone.now() - dt.timedelta(days=15))
    expired, remind = referral_reminders()
    assert expired == 1
    old.refresh_from_db()
    assert old.status == Referral.Status.EXPIRED
    assert [r.pk for r in remind] == [waiting.pk]
    call_command("orientationreminders")


@pytest.mark.parametrize("role", [Role.RECEPTION, Role.DPO, Role.ADMIN])
def test_roles_that_do_not_follow_the_file_cannot_refer(client, setting, role):
    user = member(role, organisation=setting["team"].organisation)
    client.force_login(user)
    assert client.post(refer_url(setting), {"items": ["identite"]}).status_code == 404
    assert client.get(reverse("orientation:person", args=[setting["person"].pk])).status_code == 404


def test_other_organisation_gets_404(client, setting):
    client.force_login(member(Role.MANAGER))
    assert client.get(refer_url(setting)).status_code == 404


def test_search_page_and_bad_input(client, setting):
    client.force_login(setting["worker"])
    ok = client.get(
        reverse("orientation:search"), {"besoin": "alimentation", "commune": "47001", "rayon": "20"}
    )
    assert ok.status_code == 200 and ok.context["hits"]
    bad = client.get(reverse("orientation:search"), {"commune": "Agen", "rayon": "-3"})
    body = bad.content.decode()
    assert "Code INSEE invalide" in body and 'value="Agen"' in body


def test_search_needs_the_feature_enabled(client):
    user = member(Role.WORKER, team=TeamFactory())
    client.force_login(user)
    assert client.get(reverse("orientation:search")).status_code == 403


def test_import_command_reports_rows_and_refuses_unreadable_files(tmp_path, capsys):
    from django.core.management.base import CommandError

    good = tmp_path / "export.json"
    good.write_text(
        json.dumps(
            {
                "structures": [{"source": "t", "id": "test--s1", "nom": "Asso", "date_maj": "2026-01-01"}],
                "services": [_service(), _service(id="test--2", nom="ab")],
            }
        ),
        encoding="utf-8",
    )
    call_command("importservices", str(good))
    captured = capsys.readouterr()
    assert "1 service(s)" in captured.out
    assert "ligne 2 (service) : nom : texte trop court" in captured.err
    latin = tmp_path / "latin.csv"
    latin.write_bytes("id;nom\nx;Épicerie\n".encode("latin-1"))
    with pytest.raises(CommandError, match="UTF-8"):
        call_command("importservices", str(latin))
    with pytest.raises(CommandError, match="illisible"):
        call_command("importservices", str(tmp_path / "absent.json"))
