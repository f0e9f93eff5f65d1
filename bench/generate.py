"""City-sized data for the benchmark, in its own database (default ``dw_bench``).

    python -m bench.generate --size city     # 50,000 active, 150,000 closed, 10,000,000 audit rows
    python -m bench.generate --size quick    # 5,000 active, 15,000 closed, 200,000 audit rows
    python -m bench.generate --size tiny     # 60 active, 100 closed, 2,000 audit rows (the test)

Active clients come from ``demo_data`` (histories, klantreis, werkprofielen, demo users); the
daily planner then fills the werkvoorraad. Closed dossiers (with a closed uitkeringsperiode,
group history, contact history and finished tasks) and the audit trail are written by
PostgreSQL itself with ``INSERT … SELECT generate_series`` in batches, so memory stays flat
(the Python process holds no rows) and every batch is its own transaction. Only the closed
clients' BSNs come from Python: encrypted and hashed with the app's keys (issue 32), passed
to the batch as two arrays.
"""

import argparse
import json
import os
import resource
import sys
import time

SIZES = {
    "city": {"actief": 50_000, "gesloten": 150_000, "audit": 10_000_000},
    "quick": {"actief": 5_000, "gesloten": 15_000, "audit": 200_000},
    "small": {"actief": 500, "gesloten": 1_500, "audit": 20_000},
    "tiny": {"actief": 60, "gesloten": 100, "audit": 2_000},
}
BATCH = 50_000
AUDIT_BATCH = 1_000_000

GESLOTEN_SQL = """
WITH bron AS (
    SELECT voornamen, tussenvoegsel, achternaam, wijk, row_number() OVER () AS rn
    FROM clients_client WHERE fase <> 'afgesloten' LIMIT 5000
), nieuw AS (
    SELECT gen_random_uuid() AS id, g.nr, g.bsn_versleuteld, g.bsn_hash,
           (DATE '2012-01-01' + ((g.nr * 7919) %% 3650)::int) AS melddatum
    FROM (SELECT %(start)s::bigint + i - 1 AS nr, bsn_versleuteld, bsn_hash
          FROM unnest(%(versleuteld)s::text[], %(hashes)s::text[])
               WITH ORDINALITY AS u(bsn_versleuteld, bsn_hash, i)) AS g
), ins AS (
INSERT INTO clients_client (id, bsn_versleuteld, bsn_hash, voornamen, tussenvoegsel, achternaam,
    geboortedatum, straat, huisnummer, postcode, woonplaats, wijk, telefoon, email,
    doelgroepenregister, fase, versie, aangemaakt_op, gewijzigd_op)
SELECT n.id, n.bsn_versleuteld, n.bsn_hash, b.voornamen,
       b.tussenvoegsel, b.achternaam, DATE '1950-01-01' + ((n.nr * 31) %% 18000)::int, '', '', '',
       'Deventer', b.wijk, '', '', false, 'afgesloten', 1, n.melddatum::timestamptz,
       n.melddatum::timestamptz
FROM nieuw n JOIN bron b ON b.rn = 1 + (n.nr %% (SELECT count(*) FROM bron))
RETURNING id
)
INSERT INTO batch SELECT id FROM ins
"""

# Everything hangs off the closed clients made by the batch (temp table ``batch``).
GESLOTEN_HISTORIE_SQL = [
    """INSERT INTO clients_uitkeringsperiode (client_id, melddatum, startdatum, einddatum,
           uitstroomreden, toelichting)
       SELECT c.id, c.aangemaakt_op::date, c.aangemaakt_op::date + 30,
              c.aangemaakt_op::date + 200 + (abs(hashtext(c.id::text)) %% 1500),
              (ARRAY['werk_regulier','verhuizing','andere_uitkering','studie','overig'])
                  [1 + abs(hashtext(c.id::text)) %% 5], ''
       FROM clients_client c JOIN batch USING (id)""",
    """INSERT INTO klantgroepen_groepslidmaatschap (client_id, klantgroep_id, van, tot, soort,
           reden, waarschuwingen, aangemaakt_op)
       SELECT p.client_id, (SELECT id FROM klantgroepen_klantgroep ORDER BY id
                            OFFSET abs(hashtext(p.client_id::text)) %% 4 LIMIT 1),
              p.melddatum, p.einddatum, 'indeling', '', '[]'::jsonb, p.melddatum::timestamptz
       FROM clients_uitkeringsperiode p JOIN batch ON batch.id = p.client_id""",
    """INSERT INTO clients_contactpersoon (client_id, organisatie, medewerker_id, van, tot, rol)
       SELECT p.client_id, 'IO',
              (%(io)s::bigint[])[1 + abs(hashtext(p.client_id::text)) %% %(n_io)s],
              p.melddatum, p.einddatum, ''
       FROM clients_uitkeringsperiode p JOIN batch ON batch.id = p.client_id""",
    """INSERT INTO clients_taak (client_id, soort, omschrijving, rol, organisatie, reden,
           overdracht_reden, datum, status, aangemaakt_op, afgerond_op, medewerker_id)
       SELECT p.client_id, 'voortgangsgesprek', 'Voortgangsgesprek', '', 'IO', '', '',
              p.melddatum + 90 * k, 'afgerond', p.melddatum::timestamptz,
              (p.melddatum + 90 * k)::timestamptz,
              (%(io)s::bigint[])[1 + abs(hashtext(p.client_id::text)) %% %(n_io)s]
       FROM clients_uitkeringsperiode p JOIN batch ON batch.id = p.client_id
       CROSS JOIN generate_series(1, 2) AS k""",
]

AUDIT_SQL = """
INSERT INTO audit_auditevent (tijdstip, actor_id, actor_username, rol, organisatie, client_id,
    actie, object_type, resultaat, herkomst, ip_adres, details)
SELECT now() - make_interval(secs => (g %% 157680000)),
       u.id, u.username, '', u.organisatie, k.id,
       (ARRAY['bekeken','gewijzigd','gezocht','bekeken'])[1 + g %% 4], 'dossier',
       'toegestaan', 'web', '127.0.0.1', '{}'::jsonb
FROM generate_series(%(start)s::bigint, %(stop)s::bigint) AS g
JOIN mdw u ON u.rn = 1 + g %% %(users)s
JOIN klanten k ON k.rn = 1 + (g * 7) %% %(klanten)s
"""


def _maak_database(database_url: str, opnieuw: bool = False) -> None:
    """Create the benchmark's own database when it does not exist yet (a fresh machine);
    ``opnieuw``: drop it first, so that a second run does not add a second 10,000,000 audit
    rows to the first (only a database whose name says ``bench``: never another one)."""
    from urllib.parse import urlsplit, urlunsplit

    import psycopg2
    from psycopg2 import sql

    delen = urlsplit(database_url)
    naam = delen.path.lstrip("/")
    beheer = urlunsplit(delen._replace(path="/postgres"))
    conn = psycopg2.connect(beheer)
    conn.autocommit = True
    try:
        with conn.cursor() as cur:
            if opnieuw:
                if "bench" not in naam:
                    raise SystemExit(
                        f"{naam}: de generator maakt alleen een database met 'bench' in de naam "
                        "opnieuw (--skip-actief houdt de bestaande)."
                    )
                cur.execute(
                    sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(naam))
                )
            cur.execute("SELECT 1 FROM pg_database WHERE datname = %s", [naam])
            if cur.fetchone() is None:
                cur.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(naam)))
                print(f"database {naam} aangemaakt")  # noqa: T201
    finally:
        conn.close()


def _setup(database_url: str, opnieuw: bool = False):
    _maak_database(database_url, opnieuw)
    os.environ["DATABASE_URL"] = database_url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")
    import django

    django.setup()


def _bsn(nr: int) -> str:
    """A synthetic BSN per closed dossier (bench data only: no elfproef needed)."""
    return str((nr * 104729) % 900000000 + 100000000)


def _gesloten(n: int) -> float:
    from django.db import connection, transaction

    from clients.versleuteling import bsn_hash, bsn_versleutel
    from deventer_werk.accounts.models import User

    # spread over every inkomensconsulent, as the active clients are (not 150,000 on one)
    io = list(
        User.objects.filter(groups__name="inkomensconsulent")
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    started = time.monotonic()
    for start in range(1, n + 1, BATCH):
        stop = min(n, start + BATCH - 1)
        with transaction.atomic(), connection.cursor() as cur:
            cur.execute("CREATE TEMP TABLE batch (id uuid PRIMARY KEY) ON COMMIT DROP")
            bsns = [_bsn(nr) for nr in range(start, stop + 1)]
            cur.execute(
                GESLOTEN_SQL,
                {
                    "start": start,
                    "versleuteld": [bsn_versleutel(b) for b in bsns],
                    "hashes": [bsn_hash(b) for b in bsns],
                },
            )
            for sql in GESLOTEN_HISTORIE_SQL:
                cur.execute(sql, {"io": io, "n_io": len(io)})
    return time.monotonic() - started


def _audit(n: int) -> float:
    from django.db import connection, transaction

    started = time.monotonic()
    for start in range(1, n + 1, AUDIT_BATCH):
        stop = min(n, start + AUDIT_BATCH - 1)
        with transaction.atomic(), connection.cursor() as cur:
            cur.execute(
                "CREATE TEMP TABLE klanten ON COMMIT DROP AS "
                "SELECT id, row_number() OVER (ORDER BY id) AS rn FROM clients_client"
            )
            cur.execute("CREATE INDEX ON klanten (rn)")
            cur.execute(
                "CREATE TEMP TABLE mdw ON COMMIT DROP AS SELECT id, username, organisatie, "
                "row_number() OVER (ORDER BY id) AS rn FROM accounts_user"
            )
            cur.execute("SELECT (SELECT count(*) FROM klanten), (SELECT count(*) FROM mdw)")
            klanten, users = cur.fetchone()
            cur.execute(
                AUDIT_SQL, {"start": start, "stop": stop, "users": users, "klanten": klanten}
            )
        print(f"  audit {stop:,}/{n:,} ({time.monotonic() - started:.0f} s)", flush=True)
    return time.monotonic() - started


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", choices=SIZES, default="city")
    parser.add_argument("--database-url", default="postgres://postgres@127.0.0.1:5432/dw_bench")
    parser.add_argument("--actief", type=int, help="override the number of active clients")
    parser.add_argument("--gesloten", type=int, help="override the number of closed dossiers")
    parser.add_argument("--audit", type=int, help="override the number of audit rows")
    parser.add_argument("--skip-actief", action="store_true", help="keep the active clients")
    parser.add_argument("--skip-planner", action="store_true")
    parser.add_argument("--out", default="bench/results/generate.json")
    args = parser.parse_args(argv)
    size = dict(SIZES[args.size])
    for key in size:
        if getattr(args, key) is not None:
            size[key] = getattr(args, key)
    from .report import commit, load

    load_before = load()
    _setup(args.database_url, opnieuw=not args.skip_actief)
    from django.core.management import call_command
    from django.db import connection

    timings = {}
    started = time.monotonic()
    call_command("migrate", verbosity=0)
    timings["migrate_s"] = time.monotonic() - started
    if not args.skip_actief:
        t = time.monotonic()
        # Deventer's staff (2,875 clients) scaled to the city: caseloads as in Deventer
        schaal = max(size["actief"] / 2875, 1.0)
        call_command("demo_data", clients=size["actief"], seed=2019, reset=True, medewerkers=schaal)
        timings["demo_data_s"] = time.monotonic() - t
    if not args.skip_planner:
        t = time.monotonic()
        call_command("plan_voortgang")
        timings["planner_s"] = time.monotonic() - t
        print(f"planner: {timings['planner_s']:.1f} s", flush=True)
    timings["gesloten_s"] = _gesloten(size["gesloten"])
    print(f"gesloten dossiers: {timings['gesloten_s']:.1f} s", flush=True)
    timings["audit_s"] = _audit(size["audit"])
    t = time.monotonic()
    with connection.cursor() as cur:
        cur.execute("VACUUM (ANALYZE)")
        cur.execute("SELECT pg_database_size(current_database())")
        db_bytes = cur.fetchone()[0]
    timings["vacuum_analyze_s"] = time.monotonic() - t
    timings["total_s"] = time.monotonic() - started
    report = {
        "commit": commit(),
        "size": args.size,
        "rows": size,
        "timings": {k: round(v, 1) for k, v in timings.items()},
        "database_mb": round(db_bytes / 2**20),
        "max_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
        "cpu_count": os.cpu_count(),
        "load_before": load_before,
        "load_after": load(),
    }
    os.makedirs(os.path.dirname(args.out), exist_ok=True)
    with open(args.out, "w", encoding="utf-8") as fh:
        json.dump(report, fh, indent=2)
    print(json.dumps(report, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
