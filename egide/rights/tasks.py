"""Running the non-take-up scan outside the request: a background thread started by the page,
or the `egide nontakeup --team ID` command from cron (see the management command).

With settings.EGIDE_NONTAKEUP_INLINE = True (tests) the page runs it inline instead.
"""

from __future__ import annotations

import logging
import threading

from django.conf import settings
from django.db import close_old_connections, connection

logger = logging.getLogger(__name__)


def _run(scan_pk: int, actor_pk: int | None) -> None:
    from egide.accounts.models import User

    from .models import NonTakeUpScan
    from .services import nontakeup_scan_run

    close_old_connections()
    try:
        scan = NonTakeUpScan.objects.select_related("team__organisation").get(pk=scan_pk)
        actor = User.objects.filter(pk=actor_pk).first() if actor_pk else None
        nontakeup_scan_run(scan=scan, actor=actor)
    except Exception:
        logger.exception("Analyse du non-recours %s interrompue", scan_pk)
        NonTakeUpScan.objects.filter(pk=scan_pk).update(
            status=NonTakeUpScan.Status.FAILED, error="L'analyse s'est interrompue : relancez-la."
        )
    finally:
        connection.close()


def start_scan(scan, actor=None) -> threading.Thread | None:
    """Run the scan in a daemon thread (or inline when EGIDE_NONTAKEUP_INLINE is set)."""
    actor_pk = actor.pk if actor is not None else None
    if getattr(settings, "EGIDE_NONTAKEUP_INLINE", False):
        from .services import nontakeup_scan_run

        nontakeup_scan_run(scan=scan, actor=actor)
        return None
    thread = threading.Thread(target=_run, args=(scan.pk, actor_pk), name=f"nontakeup-{scan.pk}", daemon=True)
    thread.start()
    return thread
