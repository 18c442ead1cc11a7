"""Validation of French identifiers kept in a person's file (pure Python)."""

from __future__ import annotations

import re

from django.core.exceptions import ValidationError

_NIR = re.compile(r"^([12378])(\d{2})(0[1-9]|1[0-2]|[2-9]\d)(\d{2}|2A|2B)(\d{3})(\d{3})(\d{2})$")


def normalise_nir(value: str) -> str:
    return re.sub(r"[\s.\-]", "", value or "").upper()


def nir_is_valid(value: str) -> bool:
    """A NIR (numéro de sécurité sociale): 13 characters and a 2-digit key = 97 - (number mod 97).

    Corsica's departments 2A and 2B count as 19 and 18 for the key.
    """
    nir = normalise_nir(value)
    match = _NIR.match(nir)
    if not match:
        return False
    body, key = nir[:13], int(nir[13:])
    numeric = int(body.replace("2A", "19").replace("2B", "18"))
    return key == 97 - numeric % 97


def validate_nir(value: str) -> None:
    if value and not nir_is_valid(value):
        raise ValidationError(
            "Ce numéro de sécurité sociale n'est pas valide : vérifiez les 15 caractères et la clé.",
            code="invalid_nir",
        )


def validate_caf_number(value: str) -> None:
    digits = re.sub(r"\s", "", value or "")
    if digits and not re.fullmatch(r"\d{7}", digits):
        raise ValidationError("Le numéro d'allocataire CAF compte 7 chiffres.", code="invalid_caf")


def validate_france_travail_id(value: str) -> None:
    compact = re.sub(r"\s", "", value or "").upper()
    if compact and not re.fullmatch(r"\d{7}[0-9A-Z]", compact):
        raise ValidationError(
            "L'identifiant France Travail compte 8 caractères (7 chiffres puis un chiffre ou une lettre).",
            code="invalid_france_travail",
        )
