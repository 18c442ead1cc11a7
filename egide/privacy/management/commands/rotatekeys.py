"""`egide rotatekeys`: put a new data key in service and re-encrypt everything with it.

Key file (default, single machine): a new key is generated (or given with --new-key), written at
the head of the key file with the old keys kept, then every note, encrypted column, consent scan
and document is re-encrypted and the blind index rebuilt. --drop-old-keys then removes the old
keys from the file.

EGIDE_DATA_KEYS (environment): Égide cannot change the environment. Generate a key with
--generate, put it first in EGIDE_DATA_KEYS on every process (old keys after it), restart,
then run `egide rotatekeys` to re-encrypt everything with it.
"""

from __future__ import annotations

import os
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from egide.privacy import crypto
from egide.privacy.crypto import KeyError_, Keyring, new_key_spec
from egide.privacy.rotation import check, reencrypt


def _write_key_file(path: Path, ring: Keyring) -> None:
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    temporary = path.with_name(path.name + ".nouveau")
    fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w") as handle:
        handle.write(ring.to_spec() + "\n")
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(temporary, path)


def _next_id(ring: Keyring) -> str:
    n = len(ring.keys) + 1
    while f"k{n}" in ring.keys:
        n += 1
    return f"k{n}"


class Command(BaseCommand):
    help = "Rotation des clés de chiffrement : nouvelle clé, rechiffrement de tout, index de recherche reconstruit."

    def add_arguments(self, parser):
        parser.add_argument(
            "--new-key", default="", help="Nouvelle clé « identifiant:clé_base64 » (sinon générée)."
        )
        parser.add_argument("--generate", action="store_true", help="Affiche une nouvelle clé et s'arrête.")
        parser.add_argument(
            "--check", dest="check_only", action="store_true", help="Vérifie seulement que tout s'ouvre."
        )
        parser.add_argument(
            "--drop-old-keys",
            action="store_true",
            help="Retire les anciennes clés du fichier de clés après succès.",
        )

    def handle(self, *args, new_key: str, generate: bool, check_only: bool, drop_old_keys: bool, **options):
        try:
            ring = crypto.keyring()
        except KeyError_ as exc:
            raise CommandError(f"Clés illisibles : {exc}") from exc
        if generate:
            self.stdout.write(new_key_spec(_next_id(ring)))
            return
        check_report = check(ring)
        for warning in check_report.warnings:
            self.stderr.write(f"Attention : {warning}")
        if check_report.problems:
            for problem in check_report.problems[:50]:
                self.stderr.write(problem)
            raise CommandError(
                f"Rotation refusée, rien n'a été modifié : {len(check_report.problems)} donnée(s) ne s'ouvrent "
                "pas avec les clés configurées (mauvaise clé ?)."
            )
        if check_only:
            self.stdout.write("Toutes les données chiffrées s'ouvrent avec les clés configurées.")
            return
        from_environment = bool(settings.EGIDE_DATA_KEYS)
        if from_environment:
            if new_key:
                raise CommandError(
                    "Les clés viennent de EGIDE_DATA_KEYS : ajoutez la nouvelle clé EN TÊTE de cette variable "
                    "sur tous les processus, redémarrez-les, puis relancez `egide rotatekeys` sans --new-key. "
                    "Rien n'a été modifié."
                )
            target = ring
        else:
            spec = new_key.strip() or new_key_spec(_next_id(ring))
            try:
                fresh = Keyring.parse(spec)
            except KeyError_ as exc:
                raise CommandError(f"Nouvelle clé refusée : {exc} Rien n'a été modifié.") from exc
            if len(fresh.keys) != 1:
                raise CommandError("Donnez une seule nouvelle clé. Rien n'a été modifié.")
            if fresh.current_id in ring.keys:
                raise CommandError(
                    f"L'identifiant « {fresh.current_id} » est déjà utilisé. Rien n'a été modifié."
                )
            target = Keyring(current_id=fresh.current_id, keys={**fresh.keys, **ring.keys})
            # The new key is saved first (old keys kept): a crash midway leaves everything readable.
            _write_key_file(Path(settings.EGIDE_DATA_KEY_FILE), target)
            crypto.reset_keyring()
        report = reencrypt(target)
        self.stdout.write(
            f"Rotation terminée avec la clé « {target.current_id} » : {report.values} valeur(s) et "
            f"{report.files} fichier(s) rechiffrés, index de recherche reconstruit pour {report.notes_indexed} note(s)."
        )
        if drop_old_keys:
            if from_environment:
                self.stdout.write("Retirez maintenant les anciennes clés de EGIDE_DATA_KEYS.")
            else:
                only = Keyring(
                    current_id=target.current_id, keys={target.current_id: target.keys[target.current_id]}
                )
                _write_key_file(Path(settings.EGIDE_DATA_KEY_FILE), only)
                crypto.reset_keyring()
                self.stdout.write("Anciennes clés retirées du fichier de clés.")
