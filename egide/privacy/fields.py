from __future__ import annotations

from django.db import models

from .crypto import PREFIX, decrypt_text, encrypt_text


class EncryptedTextField(models.TextField):
    """A text stored AES-GCM encrypted; Python code only ever sees the plain text.

    It cannot be filtered on in SQL: search goes through the blind index (egide.casework.search).
    """

    description = "Texte chiffré (AES-GCM)"

    def from_db_value(self, value, expression, connection):
        if value is None or value == "":
            return value
        return decrypt_text(value)

    def to_python(self, value):
        if isinstance(value, str) and value.startswith(PREFIX + ":"):
            return decrypt_text(value)
        return value

    def get_prep_value(self, value):
        value = super().get_prep_value(value)
        if value is None or value == "":
            return value
        return encrypt_text(value)
