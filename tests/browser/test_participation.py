"""A whole participatory study in the browser: call, 12 volunteers through the public page (three
roles), two workshops with attendance and minutes, 30 contributions (online, transcribed, imported),
a synthesis with themes and the anonymised export; axe-core on the main pages."""

from __future__ import annotations

import pytest

from egide.participation.models import Contribution, Proposal, Volunteer, Workshop
from egide.pseudonymize import pseudonymize
from tests.participation.factories import enable_synthesis, organiser

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

ROLES = ["Professionnel·le du travail social", "Encadrant·e ou cadre", "Personne accompagnée"]
ONLINE = [
    "L'IA pourrait préparer les comptes rendus d'entretien et me laisser plus de temps pour l'écoute.",
    "Je ne veux pas qu'un ordinateur décide de mes aides à ma place.",
    "Les statistiques d'activité de l'équipe pourraient être produites sans ressaisie.",
    "Mon collègue Karim Haddad, au 06 12 34 56 78, passe ses soirées sur les rapports.",
    "Il faut garder la relation humaine : aucune machine ne doit décider d'une aide.",
    "Ce serait bien de savoir à quelles aides j'ai droit sans remplir dix papiers.",
]
IMPORTED = [
    "Un outil qui remplit les dossiers de demande d'aide au logement éviterait la double saisie.",
    "La saisie administrative prend trop de temps : un assistant de rédaction serait utile.",
    "Je voudrais un rappel automatique des échéances des dossiers et des rendez-vous.",
    "Je crains que l'outil serve à contrôler les professionnels : il faut une charte claire.",
    "La décision doit rester humaine, l'IA ne doit jamais noter les familles accompagnées.",
    "Le temps gagné sur la saisie doit revenir à l'accompagnement des personnes.",
    "Les rapports d'activité annuels prennent des semaines : une aide à la rédaction serait précieuse.",
    "Je veux savoir quand une machine lit mon dossier et pouvoir dire non.",
    "Mon assistante sociale doit garder du temps pour m'écouter, pas pour l'écran.",
    "Les courriers de la CAF sont compliqués : une explication simple m'aiderait.",
    "Un résumé automatique du dossier avant la visite à domicile ferait gagner du temps.",
]


def _logout(page):
    page.get_by_role("button", name="Se déconnecter").click()
    page.wait_for_url(lambda url: "/compte/connexion/" in url)


def test_whole_study(browser_page, login, axe_violations):
    pseudonymize("Réveil du moteur avec Marie Durand.")  # spaCy loads once per process, before any page
    manager = organiser()
    enable_synthesis(manager)
    page = login(browser_page, manager)

    # 1. the call
    page.goto("/etude/appels/nouveau/")
    page.get_by_label("Titre").fill("L'IA dans le travail social")
    page.get_by_label("Description").fill("Recherche-action participative sur un an.")
    page.get_by_label("Public visé").fill("Professionnels, encadrants, personnes accompagnées")
    page.get_by_label("Ouverture des candidatures").fill("2026-01-01")
    page.get_by_label("Clôture des candidatures").fill("2099-12-31")
    page.get_by_label("Questions ou thèmes").fill(
        "Quelles fonctions de l'IA vous aideraient au quotidien ?\nQuelles limites poser ?\nQuelles tâches alléger ?"
    )
    page.get_by_role("button", name="Créer l'appel").click()
    assert "L'appel à contributions est créé" in page.locator(".messages").inner_text()
    call_url = page.url
    apply_url = page.locator("a.personal-link").get_attribute("href")
    assert axe_violations(page) == []
    _logout(page)

    # 2. twelve volunteers apply through the public page, three roles
    links = []
    for index in range(12):
        page.goto(apply_url)
        page.get_by_label(ROLES[index % 3], exact=True).check()
        page.get_by_label("Type de structure").select_option("ccas" if index % 2 else "association")
        page.get_by_label("Région").select_option("hdf" if index % 2 else "bre")
        if index < 4:
            page.get_by_label("Adresse e-mail (facultative)").fill(f"volontaire{index}@exemple.fr")
        page.get_by_label("J'accepte de participer").check()
        if index == 0:
            assert axe_violations(page) == []
        page.get_by_role("button", name="Je participe").click()
        page.wait_for_url(lambda url: "/etude/participant/" in url)
        assert "Merci, vous êtes inscrit" in page.content()
        links.append(page.url)
    assert Volunteer.objects.count() == 12
    assert sorted({v.role for v in Volunteer.objects.all()}) == sorted(
        ["professionnel", "encadrant", "personne_accompagnee"]
    )

    # 3. six answers written online; the author is told when identifiers were removed
    for index, text in enumerate(ONLINE):
        page.goto(links[index])
        page.get_by_label("Votre réponse à la question 1").fill(text)
        page.get_by_role("button", name="Envoyer ma réponse à la question 1").click()
        assert "Merci, votre réponse est enregistrée" in page.locator(".messages").inner_text()
        if "Haddad" in text:
            assert "ont été remplacés" in page.locator(".messages").inner_text()
    assert axe_violations(page) == []
    page.get_by_role("button", name="Afficher en grands caractères").click()
    assert page.locator(".large-text").count() == 1

    # 4. two workshops (one refused first: no date, no place), invitations, attendance, minutes
    login(page, manager)
    page.goto(call_url)
    for number, (mode, where) in enumerate(
        [("Sur place", "Salle du conseil, CCAS"), ("À distance (visio)", "https://visio.exemple.fr/etude")],
        start=1,
    ):
        page.get_by_role("link", name="Programmer un atelier").click()
        page.get_by_label("Numéro dans la série").fill(str(number))
        page.get_by_label(mode, exact=True).check()
        page.get_by_label("Ordre du jour").fill(f"Atelier {number} : tour de table, travail en sous-groupes")
        if number == 1:
            page.get_by_role("button", name="Créer l'atelier").click()
            assert "Indiquez la date et l'heure" in page.content()
            assert "besoin d'un lieu" in page.content()
            assert page.get_by_label("Ordre du jour").input_value().startswith("Atelier 1")
        page.get_by_label("Date et heure").fill(f"2099-0{number}-15T14:00")
        page.get_by_label("Lieu (atelier sur place)" if number == 1 else "Lien de visio").fill(where)
        page.get_by_role("button", name="Créer l'atelier").click()
        assert "L'atelier est créé" in page.locator(".messages").inner_text()
        for box in page.locator("input[name=volunteers]").all():
            box.check()
        page.get_by_role("button", name="Inviter", exact=True).click()
        assert "4 message(s) envoyé(s)" in page.locator(".messages").inner_text()
        for box in page.locator("input[name=present]").all()[:7]:
            box.check()
        page.get_by_label("Compte rendu").fill(
            f"Compte rendu de l'atelier {number} : échanges sur la saisie."
        )
        page.get_by_role("button", name="Enregistrer les présences et le compte rendu").click()
        assert "Présences et compte rendu enregistrés" in page.locator(".messages").inner_text()
        code = Volunteer.objects.order_by("id")[6 + number].code
        page.get_by_label("Participant").select_option(label=code)
        page.get_by_label("Propos transcrits").fill(
            "En atelier : l'outil doit proposer, jamais décider, et tout doit pouvoir être corrigé."
        )
        page.get_by_role("button", name="Enregistrer la contribution").click()
        assert "La contribution est enregistrée" in page.locator(".messages").inner_text()
        if number == 2:
            assert axe_violations(page) == []
        page.goto(call_url)
    assert Workshop.objects.count() == 2
    assert all(w.minutes and w.attendances.filter(present=True).count() == 7 for w in Workshop.objects.all())

    # 5. the rest through the import page (a faulty line first: nothing imported, line named)
    codes = [v.code for v in Volunteer.objects.order_by("id")]
    lines = ["participant;question;reponse"] + [
        f"{codes[(i + 6) % 12]};{1 + i % 3};{text}" for i, text in enumerate(IMPORTED + IMPORTED[:11])
    ]
    page.goto(call_url)
    page.get_by_role("link", name="Importer des contributions").click()
    page.get_by_label("Ou collez le contenu du fichier").fill("\n".join([*lines, "V-INCONNU;1;texte"]))
    page.get_by_role("button", name="Importer").click()
    assert f"Ligne {len(lines) + 1} : participant « V-INCONNU »" in page.content()
    assert Contribution.objects.count() == 8
    page.get_by_label("Ou collez le contenu du fichier").fill("\n".join(lines))
    page.get_by_role("button", name="Importer").click()
    assert "22 contribution(s) importée(s)" in page.locator(".messages").inner_text()
    assert Contribution.objects.count() == 30

    # 6. the synthesis with themes
    page.get_by_role("button", name="Chercher les thèmes").click()
    assert "Synthèse calculée" in page.locator(".messages").inner_text()
    assert page.locator("section.card h2").count() >= 2
    assert "Citations représentatives" in page.content()
    assert axe_violations(page) == []
    first = page.locator("section.card").first
    first.get_by_label("Nom du thème").fill("Alléger la saisie")
    first.get_by_role("button", name="Enregistrer le thème").click()
    assert "Alléger la saisie" in page.locator("h2").all_inner_texts()

    # 7. the anonymised export
    page.goto(call_url)
    page.get_by_role("link", name="Export HTML").click()
    html = page.content()
    assert "Synthèse anonymisée" in html and "Alléger la saisie" in html
    assert "Haddad" not in html and "06 12 34 56 78" not in html
    assert axe_violations(page) == []
    csv_body = page.request.get(call_url + "export/csv/").text()
    assert len(csv_body.strip().splitlines()) == 31
    assert "Haddad" not in csv_body
    pdf = page.request.get(call_url + "export/pdf/")
    assert pdf.body().startswith(b"%PDF")


def test_charter_versions_votes_and_adoption(browser_page, login, axe_violations):
    from egide.participation import selectors
    from tests.participation.factories import open_call, volunteer

    pseudonymize("Réveil du moteur avec Marie Durand.")
    manager = organiser()
    call = open_call(manager)
    person = volunteer(call, role="personne_accompagnee", large_text=True)
    page = login(browser_page, manager)
    page.goto("/etude/chartes/nouvelle/")
    page.get_by_label("Titre de la charte").fill("Charte éthique de l'IA")
    page.get_by_label("Étude associée").select_option(label=call.title)
    page.get_by_role("button", name="Créer la charte").click()
    page.get_by_label("Principe", exact=True).check()
    page.get_by_label("Votre proposition").fill("Une personne décide toujours, jamais la machine.")
    page.get_by_role("button", name="Ajouter la proposition").click()
    page.get_by_label("Texte de la nouvelle version").fill("1. L'humain décide.\n2. Transparence.")
    page.get_by_role("button", name="Enregistrer la version").click()
    assert "Version 1 enregistrée" in page.locator(".messages").inner_text()
    page.get_by_role("link", name="Retour à la charte").click()
    page.get_by_label("Texte de la nouvelle version").fill(
        "1. L'humain décide.\n2. Transparence envers les personnes."
    )
    page.get_by_role("button", name="Enregistrer la version").click()
    assert page.locator(".diff-removed").inner_text().endswith("2. Transparence.")
    assert "envers les personnes" in page.locator(".diff-added").inner_text()
    assert axe_violations(page) == []
    page.get_by_label("Décision d'adoption").fill("Conseil d'administration du 12 mars 2026")
    page.get_by_role("button", name="Adopter la version 2").click()
    assert "est adoptée par la structure" in page.locator(".messages").inner_text()
    _logout(page)

    token = selectors.volunteer_token(person)
    page.goto(f"/etude/participant/{token}/")
    assert page.locator(".large-text").count() == 1
    page.get_by_label("Pour", exact=True).check()
    page.get_by_role("button", name="Voter").click()
    assert "Votre vote est enregistré" in page.locator(".messages").inner_text()
    page.get_by_label("Contre", exact=True).check()
    page.get_by_role("button", name="Voter").click()
    assert "déjà voté" in page.locator(".messages").inner_text()
    assert axe_violations(page) == []
    proposal = Proposal.objects.get()
    assert proposal.votes.count() == 1
