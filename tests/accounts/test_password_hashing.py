from django.contrib.auth.hashers import check_password, identify_hasher, make_password

from config import settings as project_settings


def test_production_hashes_with_argon2(settings):
    settings.PASSWORD_HASHERS = project_settings.PASSWORD_HASHERS  # undo the tests' fast hasher
    encoded = make_password("un mot de passe assez long")
    assert identify_hasher(encoded).algorithm == "argon2"
    assert check_password("un mot de passe assez long", encoded)
    assert not check_password("un autre mot de passe", encoded)
