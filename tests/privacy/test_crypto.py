import base64

import pytest

from egide.privacy import crypto
from egide.privacy.crypto import KeyError_, Keyring, decrypt_text, encrypt_text, new_key_spec


def test_round_trip_and_ciphertext_hides_text():
    token = encrypt_text("Madame Benali évoque une dette de 2 340 €.")
    assert "Benali" not in token and "2 340" not in token
    assert decrypt_text(token) == "Madame Benali évoque une dette de 2 340 €."


def test_two_encryptions_differ():
    assert encrypt_text("même texte") != encrypt_text("même texte")


def test_old_key_still_decrypts_after_rotation():
    old = Keyring.parse(new_key_spec("k1"))
    token = encrypt_text("secret", ring=old)
    rotated = Keyring.parse(new_key_spec("k2") + "," + old.to_spec())
    assert decrypt_text(token, ring=rotated) == "secret"
    assert crypto.key_id_of(encrypt_text("secret", ring=rotated)) == "k2"


def test_wrong_key_is_a_clear_error():
    token = encrypt_text("secret", ring=Keyring.parse(new_key_spec("k1")))
    with pytest.raises(KeyError_, match="n'ouvre pas"):
        decrypt_text(token, ring=Keyring.parse(new_key_spec("k1")))


@pytest.mark.parametrize(
    "spec, message",
    [
        ("", "Aucune clé"),
        ("k1", "mal formée"),
        ("k1:pas-du-base64!", "base64"),
        ("k1:" + base64.b64encode(b"court").decode(), "32 octets"),
    ],
)
def test_malformed_keys_are_refused(spec, message):
    with pytest.raises(KeyError_, match=message):
        Keyring.parse(spec)
