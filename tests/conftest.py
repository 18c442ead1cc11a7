from __future__ import annotations

import pytest
from django.conf import settings

from egide.privacy import crypto


@pytest.fixture(autouse=True)
def _isolated_data_dirs(tmp_path, settings):
    """Each test gets its own documents folder and a fixed test key (never the demo key file)."""
    settings.DOCUMENTS_DIR = tmp_path / "documents"
    settings.EGIDE_DATA_KEYS = "test1:dGVzdC1rZXktMzItYnl0ZXMtbG9uZy1mb3ItYWVzMjU="  # 32 bytes, tests only
    crypto.reset_keyring()
    yield
    crypto.reset_keyring()


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    """Argon2 costs ~0.4 s per account; tests that are not about hashing use a fast hasher.

    tests/accounts/test_password_hashing.py checks that Argon2 is what production uses.
    """
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(scope="session")
def french_nlp():
    """spaCy's French pipeline, loaded once for the whole test session."""
    from egide.common.nlp import french_nlp as load

    return load()


def pytest_collection_modifyitems(config, items):
    is_postgres = settings.DATABASES["default"]["ENGINE"].endswith("postgresql")
    skip_pg = pytest.mark.skip(reason="needs DATABASE_URL=postgres://… (run by .ci/run)")
    for item in items:
        if "postgres" in item.keywords and not is_postgres:
            item.add_marker(skip_pg)
