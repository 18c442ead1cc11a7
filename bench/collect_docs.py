"""Rebuild docs/benchmarks.md from the per-area fragments in docs/bench/ (each written by its benchmark).

python bench/collect_docs.py
"""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ORDER = [
    "foundation",
    "casework",
    "audit",
    "pseudonymize",
    "assist",
    "rights",
    "rights-web",
    "orientation",
    "governance",
    "participation",
]
HEADER = """# Benchmarks

Every claim of speed or quality in Égide is a command and its figures, run side by side with what a
user would otherwise pick where there is such a tool. Each section below is written by its
benchmark's author in `docs/bench/<area>.md`; `python bench/collect_docs.py` rebuilds this page.

Machine for every figure unless a section says otherwise: 2 vCPU AMD EPYC (KVM), 23 GB RAM,
Debian 12, Python 3.11.7, 2026-11-22. **Caveat**: the figures of 2026-11-22 were taken while up to
eight test suites ran on the same two cores (load average 7 to 20); wall-clock latencies are
inflated several times, which is why several sections also report CPU time. They must be
re-measured on an idle machine before any target is declared met or missed for good.

"""


def main() -> None:
    fragments = {path.stem: path for path in (ROOT / "docs" / "bench").glob("*.md")}
    names = [name for name in ORDER if name in fragments] + sorted(set(fragments) - set(ORDER))
    parts = [HEADER, "## Contents\n"]
    parts += [f"- [{name}](bench/{name}.md)" for name in names]
    parts.append("")
    for name in names:
        text = fragments[name].read_text(encoding="utf-8").strip()
        if not text.startswith("#"):
            text = f"## {name}\n\n{text}"
        parts += ["", text.replace("\n# ", "\n## "), ""]
    (ROOT / "docs" / "benchmarks.md").write_text("\n".join(parts) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
