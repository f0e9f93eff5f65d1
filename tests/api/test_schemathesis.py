"""schemathesis over the whole committed OpenAPI schema, against the live server.

Positive and negative data for every operation: no server errors, no response that breaks
the schema. Then an object-level authorization check: for every operation with a client in
its path, a token of another organisation (DWT) gets 404 for an IO-only client.
"""

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import requests
import yaml

from clients.models import Signaal
from deventer_werk.api.services import api_token_maak
from tests.factories import client_in_groep

pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True)]

BASE_DIR = Path(__file__).resolve().parents[2]
REPORT_DIR = BASE_DIR / "test-artifacts" / "schemathesis"


def _st(url: str, token: str, name: str, *extra: str) -> dict:
    REPORT_DIR.mkdir(parents=True, exist_ok=True)
    ndjson = REPORT_DIR / f"{name}.ndjson"
    result = subprocess.run(  # noqa: S603
        [
            str(Path(sys.executable).parent / "st"),
            "run",
            f"{url}/api/schema/",
            "--url",
            f"{url}",
            "-H",
            f"Authorization: Token {token}",
            "--checks",
            "all",
            "--mode",
            "all",
            "--max-examples",
            "30",
            "--seed",
            "2019",
            "--generation-deterministic",
            "--suppress-health-check",
            "all",
            "--exclude-checks",
            "positive_data_acceptance",
            "--report",
            "ndjson",
            "--report-ndjson-path",
            str(ndjson),
            "--no-color",
            *extra,
        ],
        capture_output=True,
        text=True,
        timeout=900,
        cwd=BASE_DIR,
        env={**os.environ, "SCHEMATHESIS_HOOKS": ""},
    )
    (REPORT_DIR / f"{name}.txt").write_text(result.stdout + result.stderr)
    return {"code": result.returncode, "out": result.stdout + result.stderr}


def test_schemathesis_finds_no_server_errors_or_schema_violations(live_server, seed_data):
    for i in range(6):
        client_in_groep(["matchen", "groeien", "faciliteren", "zorgen"][i % 4])
    _, io = api_token_maak(naam="IO-koppeling", rol="inkomensconsulent")
    _, beleid = api_token_maak(naam="Beleid-BI", rol="beleidsmedewerker")
    runs = {
        "io": _st(live_server.url, io, "io", "--exclude-path-regex", "indicatoren"),
        "beleid": _st(live_server.url, beleid, "beleid", "--include-path-regex", "indicatoren"),
    }
    for name, run in runs.items():
        assert run["code"] == 0, f"schemathesis ({name}):\n{run['out'][-6000:]}"
        assert re.search(r"\b0 failures?\b|No issues found|passed", run["out"]), run["out"][-3000:]


def test_object_level_authorization_between_two_organisations(live_server, seed_data):
    zorgen = client_in_groep("zorgen")  # IO regie: visible to IO, not to DWT
    signaal = Signaal.objects.create(client=zorgen, soort="overig")
    matchen = client_in_groep("matchen")
    _, io = api_token_maak(naam="IO-systeem", rol="inkomensconsulent")
    _, dwt = api_token_maak(naam="DWT-systeem", rol="werkcoach")
    schema = yaml.safe_load((BASE_DIR / "openapi.yaml").read_text())
    checked = 0
    for path, operations in schema["paths"].items():
        if "{client_pk}" not in path and not re.search(r"clients/\{id\}", path):
            continue
        for method in operations:
            ids = {
                "client_pk": zorgen.pk,
                "id": signaal.pk if "signalen/{id}" in path else zorgen.pk,
            }
            url = live_server.url + re.sub(r"\{(\w+)\}", lambda m, ids=ids: str(ids[m[1]]), path)
            body = {} if method in ("post", "put", "patch") else None
            own = requests.request(
                method, url, json=body, timeout=30, headers={"Authorization": f"Token {io}"}
            )
            other = requests.request(
                method, url, json=body, timeout=30, headers={"Authorization": f"Token {dwt}"}
            )
            assert other.status_code == 404, (method, path, other.status_code, other.text[:200])
            assert own.status_code != 404, (method, path, own.text[:200])
            assert str(zorgen.bsn) not in other.text
            checked += 1
    assert checked >= 6
    # and the other way round: DWT's own client is visible to DWT
    ok = requests.get(
        f"{live_server.url}/api/v1/clients/{matchen.pk}/",
        timeout=30,
        headers={"Authorization": f"Token {dwt}"},
    )
    assert ok.status_code == 200 and json.loads(ok.text)["id"] == str(matchen.pk)
