"""Locust scenarios for the foundation load benchmark (run through bench/load.py).

Environment:
  EGIDE_BENCH_PLAN      JSON written by bench/load.py: accounts, the files each may open, search queries
  EGIDE_BENCH_SCENARIO  "person" (the person file, people:detail) or "search" (people:list?q=, a name with a typo)
  EGIDE_BENCH_THINK     seconds of think time between two pages of one user (0 = back to back)
  EGIDE_BENCH_RECALL    where to write the search recall counters (JSON)
  EGIDE_BENCH_WARMUP    seconds to leave out once every user has logged in (0 = measure from the
                        start, logins' Argon2 hashing and each web process's first pages included)
  EGIDE_BENCH_WINDOW    where to write when the measured window began (JSON)

Each simulated professional logs in once with a demo account (login is not in the measured
figures), then opens pages until the run's time is up.
"""

from __future__ import annotations

import itertools
import json
import os
import random
import re
import time

import gevent
from locust import HttpUser, between, constant, events, task

PLAN = json.loads(open(os.environ["EGIDE_BENCH_PLAN"], encoding="utf-8").read())  # noqa: SIM115
SCENARIO = os.environ.get("EGIDE_BENCH_SCENARIO", "person")
THINK = float(os.environ.get("EGIDE_BENCH_THINK", "0"))
WARMUP = float(os.environ.get("EGIDE_BENCH_WARMUP", "0"))
_accounts = itertools.cycle(PLAN["accounts"])
_CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
recall = {"queries": 0, "found": 0, "by_kind": {}}
logged_in = 0


class Professional(HttpUser):
    wait_time = between(THINK * 0.5, THINK * 1.5) if THINK else constant(0)

    def on_start(self):
        self.account = next(_accounts)
        page = self.client.get("/compte/connexion/", name="connexion (hors mesure)")
        token = _CSRF.search(page.text)
        response = self.client.post(
            "/compte/connexion/",
            data={
                "username": self.account["username"],
                "password": PLAN["password"],
                "csrfmiddlewaretoken": token.group(1) if token else "",
            },
            headers={"Referer": self.host + "/compte/connexion/"},
            name="connexion (hors mesure)",
            allow_redirects=False,
        )
        if "sessionid" not in self.client.cookies:
            raise RuntimeError(f"Connexion refusée pour {self.account['username']} ({response.status_code})")
        self.rng = random.Random(self.account["username"] + str(id(self)))
        global logged_in
        logged_in += 1

    @task
    def page(self):
        if SCENARIO == "person":
            pk = self.rng.choice(self.account["people"])
            with self.client.get(
                f"/personnes/{pk}/", name="fiche personne /personnes/[id]/", catch_response=True
            ) as r:
                if r.status_code != 200:
                    r.failure(f"HTTP {r.status_code}")
        else:
            query = self.rng.choice(self.account["queries"])
            with self.client.get(
                "/personnes/",
                params={"q": query["q"]},
                name="recherche /personnes/?q=[nom avec faute]",
                catch_response=True,
            ) as r:
                if r.status_code != 200:
                    r.failure(f"HTTP {r.status_code}")
                    return
                hit = query["file_number"] in r.text
                recall["queries"] += 1
                recall["found"] += hit
                kind = recall["by_kind"].setdefault(query["kind"], [0, 0])
                kind[0] += 1
                kind[1] += hit


@events.init.add_listener
def _refresh_loop_clock(environment, **kwargs):
    """gevent's loop caches "now"; after a slow start (loaded machine) the cached time is seconds
    old and --run-time's timer fires early. Refreshing it keeps runs at their stated length."""
    gevent.get_hub().loop.update_now()


@events.test_start.add_listener
def _start_measuring_after_warm_up(environment, **kwargs):
    """Resets the figures once every user has logged in and WARMUP seconds have passed."""
    if WARMUP <= 0:
        return

    def reset():
        while logged_in < environment.parsed_options.num_users:
            gevent.sleep(0.2)
        gevent.sleep(WARMUP)
        environment.stats.reset_all()
        recall.update(queries=0, found=0, by_kind={})
        window = os.environ.get("EGIDE_BENCH_WINDOW")
        if window:
            with open(window, "w", encoding="utf-8") as handle:
                json.dump({"started": time.time()}, handle)

    gevent.spawn(reset)


@events.quitting.add_listener
def _write_recall(environment, **kwargs):
    path = os.environ.get("EGIDE_BENCH_RECALL")
    if path and SCENARIO == "search":
        with open(path, "w", encoding="utf-8") as handle:
            json.dump(recall, handle, ensure_ascii=False, indent=1)
