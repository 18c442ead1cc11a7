import pytest
from django.core.management import call_command

from egide.people.models import Person, PersonNameKey, PersonNameVariant
from egide.people.search import search_people
from tests.factories import OrganisationFactory, PersonFactory

pytestmark = pytest.mark.django_db


def test_reindexnames_rebuilds_keys_and_variants_of_one_structure(capsys):
    ours, theirs = OrganisationFactory(slug="ccas-a"), OrganisationFactory(slug="ccas-b")
    mine = PersonFactory(organisation=ours, birth_name="Aydın", first_names="Esra")
    other = PersonFactory(organisation=theirs, birth_name="Kaci", first_names="Nadia")
    # As stored before the index knew these rows: no keys at all.
    PersonNameKey.objects.all().delete()
    PersonNameVariant.objects.all().delete()

    call_command("reindexnames", structure="ccas-a")

    assert "1 dossier(s) réindexé(s)." in capsys.readouterr().out
    assert search_people(Person.objects.filter(organisation=ours), "aydn esra") == [mine]
    assert not PersonNameKey.objects.filter(person=other).exists()
    call_command("reindexnames")
    assert search_people(Person.objects.filter(organisation=theirs), "kaci") == [other]
