"""The `egide` command.

Batch commands (pseudonymize, extract, rights) are pure Python and need neither Django nor a
database: they are dispatched before Django is set up, so they start fast and work offline.
Everything else is a Django management command with the project's settings preset
(`egide migrate`, `egide loaddemo`, `egide audit verify`, ...).
"""

from __future__ import annotations

import importlib
import os
import sys

# name -> module whose `main(argv: list[str]) -> int` runs the command.
BATCH_COMMANDS = {
    "pseudonymize": "egide.pseudonymize.cli",
    "extract": "egide.assist.cli",
    "train-need-model": "egide.assist.train",
    "rights": "egide.rights.cli",
}


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv if argv is None else argv)
    if len(argv) > 1 and argv[1] in BATCH_COMMANDS:
        module = importlib.import_module(BATCH_COMMANDS[argv[1]])
        return int(module.main(argv[2:]) or 0)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(argv)
    return 0


if __name__ == "__main__":
    sys.exit(main())
