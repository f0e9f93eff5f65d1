"""Statistics, targets, Markdown and EXPLAIN for ``bench/run.py``."""

import json
import os
import statistics
import subprocess
from pathlib import Path

FLOOR = "vloer (floor)"
# Targets from issue 19, for 16 users at the city size on a 2-core machine.
MAX_RATIO_MEDIAN = 3.0
MAX_P95_MS = 150.0
MAX_RSS_MB = 300.0


def commit() -> str:
    """``git rev-parse HEAD``, with ``+dirty`` when tracked files differ from it."""
    try:
        head = subprocess.run(  # noqa: S603
            ["git", "rev-parse", "HEAD"],  # noqa: S607
            cwd=Path(__file__).resolve().parent,
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
        dirty = subprocess.run(  # noqa: S603
            ["git", "status", "--porcelain", "--untracked-files=no"],  # noqa: S607
            cwd=Path(__file__).resolve().parent,
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "onbekend"
    return f"{head}+dirty" if dirty else head


def load() -> list[float]:
    return [round(x, 2) for x in os.getloadavg()]


def _pct(values: list[float], q: float) -> float:
    if not values:
        return 0.0
    ordered = sorted(values)
    k = max(0, min(len(ordered) - 1, round(q / 100 * (len(ordered) - 1))))
    return ordered[k]


def _endpoints(samples: list[list]) -> dict[str, dict]:
    per: dict[str, list[list]] = {}
    for row in samples:
        per.setdefault(row[0], []).append(row)
    out = {}
    for name, rows in sorted(per.items()):
        times = [r[1] for r in rows]
        queries = [r[3] for r in rows if r[3] >= 0]
        db = [r[4] for r in rows if r[4] >= 0]
        out[name] = {
            "requests": len(rows),
            "errors": sum(r[2] for r in rows),
            "median_ms": round(statistics.median(times), 1),
            "p95_ms": round(_pct(times, 95), 1),
            "p99_ms": round(_pct(times, 99), 1),
            "queries": round(statistics.median(queries), 1) if queries else None,
            "queries_max": max(queries) if queries else None,
            "db_ms": round(statistics.median(db), 1) if db else None,
        }
    return out


def analyse(
    phases: list[dict],
    *,
    dedicated: bool,
    verwacht: dict[str, int] | None = None,
    ratio: bool = True,
) -> dict:
    """Per phase the endpoint figures and the targets missed; ``verwacht``: the samples each
    scheduled endpoint should have had (a phase cut short by its safety bound shows here);
    ``ratio``: hold the pages to 3× the floor (the city-size target; a tiny set only checks
    that every endpoint answers)."""
    result: dict = {"phases": [], "missed": []}
    for phase in phases:
        endpoints = _endpoints(phase.pop("samples"))
        floor = endpoints.get(FLOOR, {}).get("median_ms") or 0.0
        for e in endpoints.values():
            e["ratio_median"] = round(e["median_ms"] / floor, 1) if floor else None
        total = sum(e["requests"] for e in endpoints.values())
        phase.update(
            endpoints=endpoints,
            floor_median_ms=floor,
            requests=total,
            rps=round(total / phase["duration_s"], 1) if phase["duration_s"] else 0,
        )
        result["phases"].append(phase)
        missed = result["missed"]
        u = phase["users"]
        if not endpoints:
            missed.append(f"{u} users: no requests recorded")
        for name, e in endpoints.items():
            if e["errors"]:
                missed.append(f"{u} users, {name}: {e['errors']} errors")
            # the ratio says something where the floor is not queued itself: one user, or
            # users with think time (without, every request waits for a worker, the floor too)
            zinvol = u == 1 or phase.get("denktijd_s", 0) > 0
            if ratio and zinvol and e["ratio_median"] and e["ratio_median"] > MAX_RATIO_MEDIAN:
                missed.append(f"{u} users, {name}: median {e['ratio_median']}× floor > 3×")
            if dedicated and u > 1 and e["p95_ms"] > MAX_P95_MS:
                missed.append(f"{u} users, {name}: p95 {e['p95_ms']} ms > {MAX_P95_MS:.0f} ms")
        for name, n in (verwacht or {}).items():
            kreeg = endpoints.get(name, {}).get("requests", 0)
            if kreeg < n:
                missed.append(f"{u} users, {name}: {kreeg} of {n} requests")
        if phase["worker_rss_max_mb"] > MAX_RSS_MB:
            missed.append(f"{u} users: worker RSS {phase['worker_rss_max_mb']} MB > 300 MB")
    result["targets_met"] = not result["missed"]
    return result


def explain_slowest(slow_log: str, n: int) -> list[dict]:
    """EXPLAIN (ANALYZE, BUFFERS) of the n slowest distinct statements (one per page)."""
    path = Path(slow_log)
    if n <= 0 or not path.exists():
        return []
    rows = [json.loads(line) for line in path.read_text().splitlines() if line.strip()]
    best: dict[str, dict] = {}
    for row in rows:
        if row["ms"] > best.get(row["path"], {"ms": -1})["ms"]:
            best[row["path"]] = row
    from django.db import connection, transaction

    out = []
    for row in sorted(best.values(), key=lambda r: -r["ms"])[:n]:
        try:
            with transaction.atomic(), connection.cursor() as cur:
                cur.execute("EXPLAIN (ANALYZE, BUFFERS) " + row["sql"])
                plan = "\n".join(r[0] for r in cur.fetchall())
                transaction.set_rollback(True)
        except Exception as exc:  # noqa: BLE001 - reported, not fatal
            plan = f"(EXPLAIN mislukt: {exc})"
        out.append({"route": row["path"], "ms": row["ms"], "sql": row["sql"], "plan": plan})
    return out


def markdown(result: dict) -> str:
    lines = [f"# Benchmark {result['label']} ({result['database_url']})", ""]
    meta = result.get("meta")
    if meta:
        lines += [
            f"Commit `{meta['commit']}`, size {meta['size']}, {meta['workers']} gunicorn "
            f"workers, {meta['cpu_count']} CPUs; load average before {meta['load_before']}, "
            f"after {meta.get('load_after')}; started {meta['started']}.",
            "",
        ]
    plan = result.get("schedule")
    if plan:
        lines += [
            f"Schedule: {plan['endpoints']} endpoints (role × route), {plan['round']} requests "
            f"per round, {plan['rounds']} rounds: {plan['requests_per_phase']} requests per "
            f"phase, at least {plan['samples_min']} per endpoint.",
            "",
        ]
        if plan["toegevoegd"]:
            lines += [f"Added to the data for the routes: {', '.join(plan['toegevoegd'])}.", ""]
        for s in plan["overgeslagen"]:
            lines.append(f"- SKIPPED: {s['endpoint']} ({s['reden']})")
        if plan["overgeslagen"]:
            lines.append("")
    for p in result["phases"]:
        lines += [
            f"## {p['users']} user(s), {p['duration_s']} s, {p['requests']} requests "
            f"({p['rps']}/s), think time {p.get('denktijd_s', 0)} s",
            "",
            f"Load average before {p['load_before']}, after {p['load_after']} "
            f"({p['cpu_count']} cores); max worker RSS {p['worker_rss_max_mb']} MB; "
            f"floor median {p['floor_median_ms']} ms.",
            "",
            "| endpoint | n | median ms | p95 ms | p99 ms | × floor | errors | queries | DB ms |",
            "|---|---:|---:|---:|---:|---:|---:|---:|---:|",
        ]
        ordered = sorted(p["endpoints"].items(), key=lambda kv: -kv[1]["median_ms"])
        for name, e in ordered:
            lines.append(
                f"| {name} | {e['requests']} | {e['median_ms']} | {e['p95_ms']} | "
                f"{e['p99_ms']} | {e['ratio_median']} | {e['errors']} | {e['queries']} | "
                f"{e['db_ms']} |"
            )
        lines.append("")
    lines += ["## Targets", ""]
    if result["targets_met"]:
        lines.append("All targets met.")
    lines += [f"- MISSED: {m}" for m in result["missed"]]
    lines.append("")
    if result.get("timings"):
        lines += ["## Background work (same run, server stopped)", ""]
        lines += _timings_md(result["timings"])
    if result.get("explain"):
        lines += ["## Slowest statements: EXPLAIN (ANALYZE, BUFFERS)", ""]
        for e in result["explain"]:
            lines += [
                f"### {e['route']} ({e['ms']} ms)",
                "",
                "```sql",
                e["sql"][:2000],
                "```",
                "",
                "```",
                e["plan"],
                "```",
                "",
            ]
    return "\n".join(lines)


def _timings_md(t: dict) -> list[str]:
    r, p, o, d = t["raadsrapportage"], t["planner"], t["overdracht"], t["demo_data"]
    lines = [
        f"Load average before {t['load_before']}, after {t['load_after']}.",
        "",
        "| work | seconds | |",
        "|---|---:|---|",
        f"| raadsrapportage {r['periode']} | {r['totaal_s']} | figures {r['cijfers_s']} s, "
        f"PDF {r['pdf_s']} s, {r['pdf_kb']} kB |",
        f"| planner, first run | {p['eerste_s']} | {p['eerste_resultaat']} |",
        f"| planner, second run (idempotent) | {p['tweede_s']} | {p['tweede_resultaat']} |",
    ]
    if "seconden" in o:
        lines.append(
            f"| caseload transfer | {o['seconden']} | {o['klanten']} clients (target "
            f"{o['doel']}), {o['taken']} tasks |"
        )
    else:
        lines.append(f"| caseload transfer | – | {o.get('overgeslagen')} |")
    lines += [
        f"| demo_data (throwaway database) | {d['seconden']} | {d['klanten']} clients; "
        f"migrate {d['migrate_s']} s |",
        "",
    ]
    return lines
