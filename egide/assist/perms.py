"""Who may use the writing assistant. Plain functions; the rules on a file come from
egide.people.perms and egide.casework.perms, never re-derived:

- the assistant runs on a note one may read (`can_see_note`: a private note is its author's
  alone; the secretariat and the DPO never read notes) in a file one may write in
  (`can_edit_file`), because its only purpose is to prepare writes to that file;
- suggestions are read and decided by the same people (egide.assist.services re-checks);
- the pseudonymised view of a note is shown to those who may read it, and corrected (a word
  to mask, a false positive) by those who may write in the file.
"""

from __future__ import annotations

from egide.casework.perms import can_see_note
from egide.people.perms import can_edit_file


def can_run_assistant(user, note) -> bool:
    """Run the assistant on this note and decide its suggestions."""
    return can_see_note(user, note) and can_edit_file(user, note.person)


def can_view_pseudonymised(user, note) -> bool:
    """See the note pseudonymised, with its detected identifiers."""
    return can_see_note(user, note)


def can_correct_pseudonyms(user, note) -> bool:
    """Add a word to mask or remove a false positive, remembered for the person's file."""
    return can_see_note(user, note) and can_edit_file(user, note.person)
