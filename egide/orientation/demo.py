"""Invented services around the demo structures' towns (Lot-et-Garonne), in the data·inclusion
format, loaded through the same importer as a real export. Names and numbers are fictitious."""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

from .importer import ImportReport, import_file

TOWNS = [
    ("Villeneuve-sur-Lot", "47300", "47323", 44.4081, 0.7047),
    ("Agen", "47000", "47001", 44.2033, 0.6163),
    ("Sainte-Livrade-sur-Lot", "47110", "47252", 44.3990, 0.5910),
    ("Boé", "47550", "47031", 44.1600, 0.6290),
    ("Le Passage", "47520", "47201", 44.2010, 0.6030),
    ("Pujols", "47300", "47215", 44.3930, 0.6880),
]

# (structure, service, thématiques, publics, modes, frais)
CATALOGUE = [
    (
        "Association Toit Partagé",
        "Accompagnement au maintien dans le logement",
        [
            "logement-hebergement--se-maintenir-dans-le-logement",
            "logement-hebergement--reduire-les-impayes-de-loyer",
        ],
        ["tous-publics"],
        ["en-presentiel"],
        "gratuit",
    ),
    (
        "Accueil de jour Le Relais",
        "Hébergement temporaire et mise à l'abri",
        ["logement-hebergement--rechercher-une-solution-dhebergement-temporaire"],
        ["personnes-en-situation-durgence"],
        ["en-presentiel"],
        "gratuit",
    ),
    (
        "Point conseil budget Garonne",
        "Point conseil budget",
        [
            "difficultes-financieres--ameliorer-sa-gestion-budgetaire",
            "difficultes-financieres--situation-dendettement-surendettement",
        ],
        ["tous-publics"],
        ["en-presentiel", "a-distance"],
        "gratuit",
    ),
    (
        "Épicerie solidaire Les Paniers",
        "Épicerie solidaire",
        ["equipement-et-alimentation--alimentation"],
        ["beneficiaires-des-minimas-sociaux", "familles"],
        ["en-presentiel"],
        "payant",
    ),
    (
        "Espace numérique du Lot",
        "Ateliers pour prendre en main les démarches en ligne",
        ["numerique--acceder-a-des-services-en-ligne", "numerique--maitriser-les-fondamentaux-du-numerique"],
        ["tous-publics"],
        ["en-presentiel"],
        "gratuit",
    ),
    (
        "Maison France services",
        "Aide aux démarches administratives et accès aux droits",
        [
            "difficultes-administratives-ou-juridiques--accompagnement-aux-demarches-administratives",
            "difficultes-administratives-ou-juridiques--accompagnement-pour-lacces-aux-droits",
        ],
        ["tous-publics"],
        ["en-presentiel", "a-distance"],
        "gratuit",
    ),
    (
        "Plateforme mobilité 47",
        "Conseil mobilité et aide au permis",
        ["mobilite--etre-accompagne-dans-son-parcours-mobilite", "mobilite--preparer-un-permis"],
        ["demandeurs-emploi", "jeunes"],
        ["en-presentiel"],
        "gratuit",
    ),
    (
        "Chantier d'insertion Les Jardins",
        "Emploi en chantier d'insertion",
        ["trouver-un-emploi--repondre-a-des-offres-demploi", "remobilisation--bien-etre-confiance-en-soi"],
        ["beneficiaires-des-minimas-sociaux", "demandeurs-emploi"],
        ["en-presentiel"],
        "gratuit",
    ),
    (
        "Centre médico-psychologique adultes",
        "Consultations en santé mentale",
        ["sante--sante-mentale"],
        ["tous-publics"],
        ["en-presentiel"],
        "gratuit",
    ),
    (
        "CSAPA Garonne",
        "Accompagnement en addictologie",
        ["sante--addictions"],
        ["tous-publics"],
        ["en-presentiel", "a-distance"],
        "gratuit",
    ),
    (
        "Lieu d'accueil enfants-parents",
        "Soutien à la parentalité",
        ["famille--soutien-a-la-parentalite-et-a-leducation"],
        ["familles"],
        ["en-presentiel"],
        "gratuit",
    ),
    (
        "Association Écoute Femmes",
        "Écoute et accompagnement des victimes de violences",
        ["famille--surmonter-conflits-separation-violence"],
        ["femmes"],
        ["en-presentiel", "a-distance"],
        "gratuit",
    ),
    (
        "Atelier Paroles",
        "Cours de français langue étrangère",
        ["lecture-ecriture-calcul--maitriser-le-francais"],
        ["personnes-exilees"],
        ["en-presentiel"],
        "gratuit",
    ),
    (
        "Café des voisins",
        "Rencontres contre l'isolement",
        ["remobilisation--lien-social"],
        ["seniors"],
        ["en-presentiel"],
        "gratuit",
    ),
    (
        "Point d'accès au droit",
        "Permanence juridique gratuite",
        ["difficultes-administratives-ou-juridiques--prendre-en-compte-une-problematique-judiciaire"],
        ["tous-publics"],
        ["en-presentiel"],
        "gratuit",
    ),
]


def demo_export() -> dict:
    structures, services = [], []
    for s_index, (structure, service, thematiques, publics, modes, frais) in enumerate(CATALOGUE):
        # each structure has a site in two or three towns
        for t_offset in range(2 + s_index % 2):
            town, postcode, insee, lat, lon = TOWNS[(s_index + t_offset * 2) % len(TOWNS)]
            sid = f"egide-demo--s{s_index:02d}-{insee}"
            structures.append(
                {
                    "source": "egide-demo",
                    "id": sid,
                    "nom": f"{structure} ({town})",
                    "date_maj": "2026-10-01",
                    "commune": town,
                    "code_postal": postcode,
                    "code_insee": insee,
                }
            )
            services.append(
                {
                    "source": "egide-demo",
                    "structure_id": sid,
                    "id": f"egide-demo--{s_index:02d}-{insee}",
                    "nom": service,
                    "description": f"{service} proposé par {structure} à {town}. Service fictif de démonstration.",
                    "date_maj": "2026-10-01",
                    "thematiques": thematiques,
                    "publics": publics,
                    "modes_accueil": modes,
                    "frais": frais,
                    "commune": town,
                    "code_postal": postcode,
                    "code_insee": insee,
                    "latitude": round(lat + 0.002 * (s_index % 5), 5),
                    "longitude": round(lon - 0.002 * (s_index % 3), 5),
                    "telephone": f"05 53 00 {s_index:02d} {t_offset:02d}",
                    "courriel": f"contact{s_index}@exemple.org",
                }
            )
    return {"structures": structures, "services": services}


def load_demo_services() -> ImportReport:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "demo-services.json"
        path.write_text(json.dumps(demo_export(), ensure_ascii=False), encoding="utf-8")
        return import_file(path)
