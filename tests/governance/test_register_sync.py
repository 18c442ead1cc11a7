"""The AI register's texts follow register_data after every migrate, on existing databases too."""

from __future__ import annotations

import pytest
from django.core.management import call_command

from egide.governance.models import AIFeature
from egide.governance.register import sync_register
from egide.governance.register_data import ENTRIES

pytestmark = pytest.mark.django_db


def test_an_outdated_text_is_brought_up_to_date():
    AIFeature.objects.filter(code="extract").update(known_limits="ancien texte", ai_act_reasoning="ancien")
    sync_register()
    extract = AIFeature.objects.get(code="extract")
    expected = next(entry for entry in ENTRIES if entry["code"] == "extract")
    assert extract.known_limits == expected["known_limits"]
    assert "régression logistique" in extract.ai_act_reasoning


def test_migrate_runs_the_sync():
    AIFeature.objects.filter(code="extract").update(known_limits="ancien texte")
    call_command("migrate", verbosity=0)
    assert AIFeature.objects.get(code="extract").known_limits != "ancien texte"
