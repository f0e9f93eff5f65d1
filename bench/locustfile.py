"""Locust scenarios per role, driven by ``bench/run.py`` (see README.md).

Every simulated user holds a logged-in session for each role (made by the runner, no
password hashing during the run) and an API token, and on each iteration picks one
(role, endpoint) pair at random, so the 1-user and the 16-user phases issue the same mix.
The floor (an authenticated trivial request) is one of the endpoints, in the same run.
Each request's timing and the server's ``X-DB-Queries``/``X-DB-Time`` headers are written
to ``BENCH_OUT`` (JSON) when Locust stops.
"""

import itertools
import json
import os
import random

from locust import HttpUser, constant, events, task

FIXTURE = json.loads(open(os.environ["BENCH_FIXTURE"], encoding="utf-8").read())  # noqa: SIM115
SAMPLES: list[list] = []
_volgnummer = itertools.count()


@events.request.add_listener
def _record(name, response_time, response, exception, **kwargs):
    headers = getattr(response, "headers", {}) or {}
    status = getattr(response, "status_code", 0)
    SAMPLES.append(
        [
            name,
            round(response_time, 2),
            0 if exception is None and status < 400 else 1,
            int(headers.get("X-DB-Queries", -1)),
            float(headers.get("X-DB-Time", -1)),
        ]
    )


@events.quitting.add_listener
def _dump(environment, **kwargs):
    with open(os.environ["BENCH_OUT"], "w", encoding="utf-8") as fh:
        json.dump(SAMPLES, fh)


def _endpoints(rol: dict) -> list[tuple[str, str]]:
    """(name, url template) per role; {client}, {naam}, {vacature}, {periode} are filled in."""
    naam = rol["rol"]
    eigen = [
        (f"{naam}: werkvoorraad", "/werkvoorraad/"),
        (f"{naam}: mijn klanten", "/klanten/"),
        (f"{naam}: zoeken op naam", "POST /klanten/zoeken/ z-naam={naam}"),
        (f"{naam}: dossier", "/klanten/{client}/"),
        (f"{naam}: tijdlijn", "/klanten/{client}/tijdlijn/"),
    ]
    extra = {
        "inkomensconsulent": [
            ("inkomensconsulent: zonder ambitiegesprek", "/intake/zonder-ambitiegesprek/"),
        ],
        "werkcoach": [
            ("werkcoach: vacatures", "/vacatures/"),
            ("werkcoach: vacature matching", "/vacatures/{vacature}/"),
            ("werkcoach: trajecten", "/trajecten/"),
            ("werkcoach: trajectenlijst", "/trajecten/lijst/"),
        ],
        "handhaver": [("handhaver: triage", "/handhaving/triage/")],
    }
    if naam == "beleidsmedewerker":
        return [
            ("beleidsmedewerker: monitoring dashboard", "/monitoring/"),
            ("beleidsmedewerker: rapportages", "/monitoring/rapportages/"),
            ("beleidsmedewerker: API indicatoren", "/api/v1/indicatoren/?periode={periode}"),
        ]
    return eigen + extra.get(naam, [])


API_ENDPOINTS = [
    ("API: klantenlijst", "/api/v1/clients/"),
    ("API: klantenlijst gefilterd", "/api/v1/clients/?klantgroep=matchen"),
    ("API: klant", "/api/v1/clients/{client}/"),
    ("API: signalen", "/api/v1/clients/{client}/signalen/"),
    ("API: voortgangsgesprekken", "/api/v1/clients/{client}/voortgangsgesprekken/"),
]


class Medewerker(HttpUser):
    wait_time = constant(0)

    def on_start(self):
        nr = next(_volgnummer)
        self.plan = []
        for rol in FIXTURE["rollen"]:
            cookie = rol["sessies"][nr % len(rol["sessies"])]
            headers = {"Cookie": f"sessionid={cookie}"}
            post_headers = self._csrf(headers)
            for name, url in _endpoints(rol):
                self.plan.append(
                    (name, url, post_headers if url.startswith("POST") else headers, rol)
                )
        token = {"Authorization": f"Token {FIXTURE['api']['token']}"}
        for name, url in API_ENDPOINTS:
            self.plan.append((name, url, token, FIXTURE["api"]))
        vloer = FIXTURE["rollen"][0]
        vloer_headers = {"Cookie": f"sessionid={vloer['sessies'][nr % len(vloer['sessies'])]}"}
        # The floor is requested as often as the average endpoint.
        self.plan.append(("vloer (floor)", "/bench/floor/", vloer_headers, vloer))

    def _csrf(self, headers: dict) -> dict:
        """Name search is a POST (no names in URLs): the form's CSRF cookie and token."""
        response = self.client.get("/klanten/zoeken/", headers=headers, name="csrf (opstart)")
        token = response.cookies.get("csrftoken", "")
        return {
            "Cookie": f"{headers['Cookie']}; csrftoken={token}",
            "X-CSRFToken": token,
        }

    @task
    def een_verzoek(self):
        name, url, headers, rol = random.choice(self.plan)
        url = url.format(
            client=random.choice(rol["clients"]) if rol.get("clients") else "",
            naam=random.choice(rol.get("namen") or ["jan"]),
            vacature=random.choice(FIXTURE["vacatures"] or [0]),
            periode=FIXTURE["periode"],
        )
        if url.startswith("POST "):
            _, pad, veld = url.split(" ", 2)
            sleutel, waarde = veld.split("=", 1)
            verzoek = self.client.post(
                pad,
                data={sleutel: waarde},
                name=name,
                headers=headers,
                allow_redirects=False,
                catch_response=True,
            )
        else:
            verzoek = self.client.get(
                url, name=name, headers=headers, allow_redirects=False, catch_response=True
            )
        with verzoek as response:
            if response.status_code != 200:
                response.failure(f"HTTP {response.status_code}")
