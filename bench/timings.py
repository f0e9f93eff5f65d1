"""Background work timed in the same run as the load test (after the phases, the server
stopped): the raad report, the daily planner twice (the second run is the idempotent one),
a caseload transfer and ``demo_data`` in a throwaway database."""

import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
REDEN = "Benchmark: overdracht van de caseload"


def raadsrapportage() -> dict:
    """The monitoring PDF for the last finished half year, as the command and the task make it."""
    from django.utils import timezone

    from monitoring import cijfers, pdf
    from monitoring.periods import halfjaar_van

    periode = halfjaar_van(timezone.localdate()).vorige()
    started = time.monotonic()
    snapshot = cijfers.cijfers_bereken(periode)
    berekend = time.monotonic()
    document = pdf.rapport_pdf(pdf.rapport_html(snapshot))
    klaar = time.monotonic()
    return {
        "periode": periode.code,
        "cijfers_s": round(berekend - started, 2),
        "pdf_s": round(klaar - berekend, 2),
        "totaal_s": round(klaar - started, 2),
        "pdf_kb": len(document) // 1024,
    }


def planner() -> dict:
    from django.utils import timezone

    from clients.planning.planner import plan_voortgang

    out: dict[str, object] = {}
    for label in ("eerste", "tweede"):
        started = time.monotonic()
        resultaat = plan_voortgang(peildatum=timezone.localdate())
        out[f"{label}_s"] = round(time.monotonic() - started, 2)
        out[f"{label}_resultaat"] = {
            k: v for k, v in resultaat.samenvatting().items() if isinstance(v, int)
        }
    return out


def overdracht(doel: int) -> dict:
    """Move one inkomensconsulent's caseload (built up to ``doel`` clients from colleagues'
    caseloads first, untimed; at small sizes whatever exists) to a colleague, timed."""
    from clients.models import Contactpersoon
    from clients.overdracht import caseload_draag_over
    from deventer_werk.accounts.models import User

    actor = User.objects.get(username="beheerder")
    consulenten = list(User.objects.filter(groups__name="inkomensconsulent").order_by("pk"))
    if len(consulenten) < 2:
        return {"overgeslagen": "minder dan twee inkomensconsulenten"}

    def caseload(user) -> int:
        return (
            Contactpersoon.objects.filter(medewerker=user, tot__isnull=True)
            .values("client_id")
            .distinct()
            .count()
        )

    van, naar, *anderen = sorted(consulenten, key=caseload, reverse=True)
    opbouw = time.monotonic()
    for ander in anderen:
        if caseload(van) >= doel:
            break
        caseload_draag_over(actor=actor, van=ander, naar=van, reden=REDEN)
    opbouw_s = time.monotonic() - opbouw
    started = time.monotonic()
    resultaat = caseload_draag_over(actor=actor, van=van, naar=naar, reden=REDEN)
    return {
        "doel": doel,
        "klanten": resultaat.klanten,
        "taken": resultaat.taken,
        "seconden": round(time.monotonic() - started, 2),
        "opbouw_s": round(opbouw_s, 2),
    }


def demo_data(database_url: str, clients: int) -> dict:
    """``demo_data`` (and the migrations before it) in a throwaway database, dropped after."""
    import psycopg2
    from psycopg2 import sql

    delen = urlsplit(database_url)
    naam = delen.path.lstrip("/") + "_demo"
    wegwerp = urlunsplit(delen._replace(path=f"/{naam}"))
    beheer = urlunsplit(delen._replace(path="/postgres"))

    def drop() -> None:
        conn = psycopg2.connect(beheer)
        conn.autocommit = True
        try:
            with conn.cursor() as cur:
                cur.execute(
                    sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(naam))
                )
        finally:
            conn.close()

    drop()
    out = Path(tempfile.mkdtemp()) / "demo.json"
    cmd = [
        sys.executable,
        "-m",
        "bench.generate",
        "--database-url",
        wegwerp,
        "--actief",
        str(clients),
        "--gesloten",
        "0",
        "--audit",
        "0",
        "--skip-planner",
        "--out",
        str(out),
    ]
    try:
        subprocess.run(cmd, cwd=ROOT, env=dict(os.environ), check=True, capture_output=True)  # noqa: S603
        timings = json.loads(out.read_text())["timings"]
    finally:
        drop()
    return {
        "klanten": clients,
        "seconden": timings["demo_data_s"],
        "migrate_s": timings["migrate_s"],
    }
