"""Load benchmark of the person file and the name search on PostgreSQL (gunicorn + locust).

    source env.sh   # DATABASE_URL=postgres://…, EGIDE_DATA_KEYS=… (the database made by bench/generate.py)
    .venv/bin/python bench/load.py --users 20 --seconds 60 --workers 4 --out /tmp/egide-load

1. prepares a plan: demo accounts (encadrants and travailleurs sociaux of both structures), for
   each the files it may open (people_visible_to) and search queries made of a file's last name
   with a typo plus its first name;
2. serves Égide with gunicorn on 127.0.0.1 (production-like settings: DEBUG off, collected static);
3. runs locust headless for each scenario (person file, search), `--users` concurrent users, each
   bounded by `--seconds`, back to back (no think time) and, with --think, with a think time;
4. prints p50/p95/p99 per scenario (login excluded) and the search recall (the expected file in
   the results page).
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import random
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import unicodedata
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

ACCOUNTS = [
    "ccas.encadrant",
    "ccas.ts1",
    "ccas.ts2",
    "ccas.ts3",
    "ccas.ts4",
    "relais.encadrant",
    "relais.ts1",
    "relais.ts2",
]

# -- typos ---------------------------------------------------------------------------------------

_PHONETIC_SWAPS = [
    ("ph", "f"),
    ("f", "ph"),
    ("y", "i"),
    ("i", "y"),
    ("ca", "ka"),
    ("co", "ko"),
    ("eau", "o"),
    ("au", "o"),
]


def _strip_accents(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


def make_typo(name: str, rng: random.Random) -> tuple[str, str] | None:
    """A mistyped last name and the kind of mistake, as people type them at a front desk.

    Kinds: "double" (a doubled or undoubled consonant), "accent" (no accents, lower case),
    "phonetique" (same sound, other spelling), "muette" (a silent final letter dropped or added),
    "inversion" (two letters swapped), "oubli" (an inner letter left out). The last two are
    mistakes a phonetic key does not forgive: they are kept to measure recall honestly.
    """
    lower = name.lower()
    if len(lower) < 4 or not lower.isalpha():
        return None
    kinds = ["double", "accent", "phonetique", "muette", "inversion", "oubli"]
    rng.shuffle(kinds)
    for kind in kinds:
        if kind == "double":
            doubled = re.search(r"(?<=.)([lnmrt])\1", lower)
            if doubled:
                return lower[: doubled.start()] + lower[doubled.start() + 1 :], kind
            single = [m.start() for m in re.finditer(r"(?<=[aeiouy])[lnmrt](?=[aeiouy])", lower)]
            if single:
                i = rng.choice(single)
                return lower[: i + 1] + lower[i] + lower[i + 1 :], kind
        elif kind == "accent":
            plain = _strip_accents(lower)
            if plain != lower:
                return plain, kind
        elif kind == "phonetique":
            for a, b in _PHONETIC_SWAPS:
                i = lower.find(a, 1)
                if i > 0:
                    return lower[:i] + b + lower[i + len(a) :], kind
        elif kind == "muette":
            if lower[-1] in "tdsxe":
                return lower[:-1], kind
            if lower[-1] in "aiou" or lower[-1] in "nrl":
                return lower + rng.choice(["e", "t"] if lower[-1] in "nrl" else ["t", "s"]), kind
        elif kind == "inversion":
            i = rng.randint(1, len(lower) - 3)
            if lower[i] != lower[i + 1]:
                return lower[:i] + lower[i + 1] + lower[i] + lower[i + 2 :], kind
        elif kind == "oubli":
            i = rng.randint(1, len(lower) - 2)
            return lower[:i] + lower[i + 1 :], kind
    return None


def build_plan(password: str, *, per_account: int = 3000, queries: int = 300, seed: int = 11) -> dict:
    import django

    django.setup()
    from egide.accounts.models import User
    from egide.people.selectors import people_visible_to

    rng = random.Random(seed)
    accounts = []
    for username in ACCOUNTS:
        user = User.objects.get(username=username)
        visible = people_visible_to(user)
        pks = list(visible.order_by("?").values_list("pk", flat=True)[:per_account])
        sample = visible.filter(pk__in=pks[: queries * 2]).values_list(
            "pk", "file_number", "birth_name", "usage_name", "first_names"
        )
        qs = []
        for _pk, file_number, birth_name, usage_name, first_names in sample:
            typo = make_typo(usage_name or birth_name, rng)
            if typo is None:
                continue
            qs.append(
                {
                    "q": f"{typo[0]} {first_names.split()[0].lower()}",
                    "file_number": file_number,
                    "kind": typo[1],
                }
            )
            if len(qs) >= queries:
                break
        accounts.append({"username": username, "visible": visible.count(), "people": pks, "queries": qs})
    return {"password": password, "accounts": accounts}


# -- server and runs -----------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_up(url: str, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=2) as r:  # noqa: S310 - loopback
                if r.status < 500:
                    return
        except OSError:
            time.sleep(0.5)
    raise SystemExit(f"Le serveur ne répond pas sur {url}")


def read_stats(path: Path, name: str) -> dict:
    with path.open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            if row["Name"] == name:
                return {
                    "requests": int(row["Request Count"]),
                    "failures": int(row["Failure Count"]),
                    "rps": float(row["Requests/s"]),
                    "avg": float(row["Average Response Time"]),
                    "p50": float(row["50%"]),
                    "p95": float(row["95%"]),
                    "p99": float(row["99%"]),
                    "max": float(row["Max Response Time"]),
                }
    raise SystemExit(f"{name} absent de {path}")


SCENARIOS = {
    "person": ("fiche personne /personnes/[id]/", 150),
    "search": ("recherche /personnes/?q=[nom avec faute]", 250),
}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--users", type=int, default=20)
    parser.add_argument("--seconds", type=int, default=60)
    parser.add_argument("--workers", type=int, default=4, help="gunicorn worker processes")
    parser.add_argument("--threads", type=int, default=1, help="threads per gunicorn worker (gthread if > 1)")
    parser.add_argument("--think", type=float, default=0.0, help="also run with this think time (seconds)")
    parser.add_argument(
        "--warmup",
        type=float,
        default=0.0,
        help="seconds left out once every user has logged in (the run is lengthened to keep --seconds measured)",
    )
    parser.add_argument("--think-only", action="store_true", help="skip the back-to-back runs")
    parser.add_argument("--scenarios", default="person,search")
    parser.add_argument("--password", default="Egide-demo-2026")
    parser.add_argument("--out", default=str(Path(tempfile.gettempdir()) / "egide-load"))
    args = parser.parse_args(argv)
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    if not os.environ.get("DATABASE_URL", "").startswith("postgres"):
        print("Ce banc de charge vise PostgreSQL : définissez DATABASE_URL=postgres://…", file=sys.stderr)
        return 2

    plan_path = out / "plan.json"
    plan = build_plan(args.password)
    plan_path.write_text(json.dumps(plan, ensure_ascii=False))
    for a in plan["accounts"]:
        print(
            f"  {a['username']:<18} voit {a['visible']:>7,} dossiers ; {len(a['queries'])} requêtes de recherche"
        )

    env = {
        **os.environ,
        "EGIDE_DEBUG": "0",
        "EGIDE_SECURE": "0",  # plain HTTP on loopback; TLS is the reverse proxy's job
        "EGIDE_REQUIRE_OTP": "0",  # the demo accounts have no TOTP device
        "EGIDE_ALLOWED_HOSTS": "127.0.0.1",
        "EGIDE_SECRET_KEY": secrets.token_urlsafe(50),
        "EGIDE_STATIC_ROOT": str(out / "static"),
        "EGIDE_LOGIN_MAX_ATTEMPTS": "1000",
    }
    subprocess.run(
        [str(ROOT / ".venv/bin/egide"), "collectstatic", "--noinput", "-v0"],
        env=env,
        check=True,
        cwd=ROOT,
    )
    port = free_port()
    gunicorn = [
        str(ROOT / ".venv/bin/gunicorn"),
        "config.wsgi:application",
        "--bind",
        f"127.0.0.1:{port}",
        "--workers",
        str(args.workers),
        "--timeout",
        "60",
        "--log-level",
        "warning",
    ]
    if args.threads > 1:
        gunicorn += ["--worker-class", "gthread", "--threads", str(args.threads)]
    server = subprocess.Popen(gunicorn, env=env, cwd=ROOT, start_new_session=True)
    host = f"http://127.0.0.1:{port}"
    results = {"gunicorn": " ".join(gunicorn[1:]), "runs": []}
    try:
        wait_up(host + "/compte/connexion/")
        runs = [] if args.think_only else [(s, 0.0) for s in args.scenarios.split(",")]
        if args.think:
            runs += [(s, args.think) for s in args.scenarios.split(",")]
        for scenario, think in runs:
            name, target = SCENARIOS[scenario]
            tag = f"{scenario}_think{think:g}"
            load_before = os.getloadavg()
            command = [
                str(ROOT / ".venv/bin/locust"),
                "-f",
                str(ROOT / "bench/locustfile.py"),
                "--headless",
                "--users",
                str(args.users),
                "--spawn-rate",
                str(args.users),
                "--run-time",
                # Logins (Argon2) take a few seconds before the warm-up starts.
                f"{args.seconds + (args.warmup + 15 if args.warmup else 0):g}s",
                "--host",
                host,
                "--csv",
                str(out / tag),
                "--reset-stats",
                "--only-summary",
                "--loglevel",
                "WARNING",
            ]
            run_env = {
                **os.environ,
                "EGIDE_BENCH_PLAN": str(plan_path),
                "EGIDE_BENCH_SCENARIO": scenario,
                "EGIDE_BENCH_THINK": str(think),
                "EGIDE_BENCH_RECALL": str(out / f"{tag}_recall.json"),
                "EGIDE_BENCH_WARMUP": str(args.warmup),
                "EGIDE_BENCH_WINDOW": str(out / f"{tag}_window.json"),
            }
            print(f"\n$ {' '.join(command)}   # scénario {scenario}, réflexion {think:g} s", flush=True)
            subprocess.run(command, env=run_env, cwd=ROOT, check=False, stdout=subprocess.DEVNULL)
            ended = time.time()
            stats = read_stats(out / f"{tag}_stats.csv", name)
            stats.update(scenario=scenario, think=think, target_p95=target, load_before=load_before[0])
            window_file = out / f"{tag}_window.json"
            if args.warmup and window_file.exists():
                stats["measured_seconds"] = round(ended - json.loads(window_file.read_text())["started"])
                window_file.unlink()
            recall_file = out / f"{tag}_recall.json"
            if recall_file.exists():
                stats["recall"] = json.loads(recall_file.read_text())
            results["runs"].append(stats)
            print(
                f"  {stats['requests']} requêtes, {stats['failures']} échecs, {stats['rps']:.1f} req/s, "
                f"p50 {stats['p50']:.0f} ms, p95 {stats['p95']:.0f} ms (cible < {target} ms), p99 {stats['p99']:.0f} ms"
                + (f", sur {stats['measured_seconds']} s mesurées" if "measured_seconds" in stats else ""),
                flush=True,
            )
            if "recall" in stats:
                r = stats["recall"]
                print(f"  rappel : {r['found']}/{r['queries']} recherches trouvent le dossier attendu")
                for kind, (n, found) in sorted(r["by_kind"].items()):
                    print(f"    {kind:<12} {found}/{n}")
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)
    (out / "results.json").write_text(json.dumps(results, indent=1, ensure_ascii=False))
    print(f"\nRésultats : {out / 'results.json'}")
    shutil.rmtree(out / "static", ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
