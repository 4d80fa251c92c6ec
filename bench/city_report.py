"""bench.city's results as Markdown, and their place in BENCHMARKS.md (one block per db)."""

from __future__ import annotations

from pathlib import Path
from typing import Any


def _ms(row: dict[str, Any]) -> str:
    return f"| {row['p50_ms']:.1f} | {row['p95_ms']:.1f} | {row['max_ms']:.1f} | {row['n']} |"


def key_lines(plan: list[str], limit: int = 10) -> list[str]:
    """The plan's top node and its buffers, every scan (with its loops), the time."""
    lines = [plan[0].strip()] if plan else []
    for line in plan[1:]:
        stripped = line.strip().removeprefix("->").strip()
        if stripped.startswith("Buffers") and len(lines) == 1:
            lines.append(stripped)
        elif "Scan" in stripped and len(lines) < limit:
            name, _, actual = stripped.partition("  (cost=")
            lines.append(f"{name}  (actual {actual.split('(actual ', 1)[-1]}"[:150])
        elif stripped.startswith("Execution Time"):
            lines.append(stripped)
    return lines


def markdown(r: dict[str, Any], command: str) -> str:
    c = r["counts"]
    seed = (f"seeded in **{r['seed_seconds']:.0f} s**" if r.get("seed_seconds") is not None
            else "reused an earlier seed")
    lines = [
        f"Command: `{command}`", "",
        f"{r['subdistricts']} subdistricts, {r['communities']} communities, "
        f"{c.get('household', 0):,} households, {r['residents']:,} residents, "
        f"{c.get('resident_finding', 0):,} findings, {c.get('visit_attempt', 0):,} visits, "
        f"{c.get('isolation_case', 0):,} isolation cases, {c.get('errand_request', 0):,} "
        f"errands, {c.get('patrol_mark', 0):,} patrol marks; database "
        f"{r['database_mb']:,.0f} MB; {seed}. Load average at the end "
        f"{', '.join(f'{x:.1f}' for x in r['load_average'])} (2 shared cores).", "",
        "| measure (a random community each call) | p50 ms | p95 ms | max ms | n |",
        "|---|---|---|---|---|",
    ]
    lines += [f"| ledger: {row['case']} {_ms(row)}" for row in r["ledger"]]
    lines.append(f"| daily report (`daily_report`, today) {_ms(r['report'])}")
    for key in ("rollup", "submit"):
        if key in r:
            lines.append(f"| {r[key]['label']} {_ms(r[key])}")
    worst = max(row["p95_ms"] for row in r["ledger"])
    lines += ["", f"Worst ledger p95 **{worst:.1f} ms** (target < 50 ms); daily report p95 "
              f"**{r['report']['p95_ms']:.0f} ms** (target < 1 s)."]
    for key, target in (("rollup", "roll-up p95 < 1 s"), ("submit", "submit < 1 s")):
        if key in r:
            lines.append(f"{r[key]['label'].split(' (')[0]}: p95 **{r[key]['p95_ms']:.0f} ms** "
                         f"(target {target}).")
    if "reporting" in r:
        lines += ["", f"TODO: {r['reporting']}."]
    for e in r.get("explain", []):
        lines += ["", f"`{e['service']}` statement ({e['ms']:.1f} ms): `{e['sql']}...`", "",
                  "```", *key_lines(e["plan"]), "```"]
    lines.append("")
    return "\n".join(lines)


def write(target: Path, db: str, body: str) -> None:
    """Replace this db's block inside the "City scale" section (appended when missing)."""
    begin, end = f"<!-- city:{db} -->", f"<!-- /city:{db} -->"
    content = target.read_text()
    block = f"{begin}\n\n{body}\n{end}"
    if begin in content and end in content:
        head, rest = content.split(begin, 1)
        content = head + block + rest.split(end, 1)[1]
    else:
        marker = "<!-- city:end -->"
        if marker in content:
            content = content.replace(marker, block + "\n\n" + marker)
        else:
            content = content.rstrip("\n") + "\n\n" + block + "\n"
    target.write_text(content)
