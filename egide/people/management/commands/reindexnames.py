"""egide reindexnames: rebuild the name search index (after a change in how names are folded)."""

from __future__ import annotations

from django.core.management.base import BaseCommand
from django.db import transaction

from egide.people.models import Person
from egide.people.search import index_person_names

BATCH = 500


class Command(BaseCommand):
    help = "Reconstruit l'index de recherche par nom (mots, clés phonétiques, variantes d'une faute)."

    def add_arguments(self, parser):
        parser.add_argument("--structure", help="identifiant court (slug) d'une seule structure")

    def handle(self, *args, **options):
        people = Person.objects.order_by("pk")
        if options["structure"]:
            people = people.filter(organisation__slug=options["structure"])
        ids = list(people.values_list("pk", flat=True))
        for start in range(0, len(ids), BATCH):
            with transaction.atomic():  # one batch at a time: searches go on meanwhile
                for person in Person.objects.filter(pk__in=ids[start : start + BATCH]):
                    index_person_names(person)
        self.stdout.write(f"{len(ids)} dossier(s) réindexé(s).")
