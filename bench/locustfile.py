"""Locust driver of ``bench/run.py`` (see README.md): a fixed, weighted schedule over every
GET route and role, the same in every phase.

The runner writes ``BENCH_FIXTURE`` (JSON): per role its logged-in sessions (made directly,
no password hashing during the run) or the API token, every endpoint (role × route) with the
URLs that answered in the warm-up, one round of the schedule (``bench/routes.py``: each role
walks its routes in a fixed, weighted order, the roles side by side) and how many rounds to
issue. All simulated users take the next step from that one shared sequence, so the 1-user
and the 16-user phases issue exactly the same requests, and the phase ends when the last
round is done (``-t`` is only a safety bound). Each request's timing and the server's
``X-DB-Queries``/``X-DB-Time`` headers are written to ``BENCH_OUT`` (JSON) when Locust stops.
"""

import itertools
import json
import os

import gevent  # type: ignore[import-untyped]
from locust import HttpUser, between, constant, events, task
from locust.exception import StopUser

FIXTURE = json.loads(open(os.environ["BENCH_FIXTURE"], encoding="utf-8").read())  # noqa: SIM115
ENDPOINTS = {e["naam"]: e for e in FIXTURE["endpoints"]}
SCHEDULE = FIXTURE["schedule"]
TOTAL = len(SCHEDULE) * FIXTURE["rounds"]
SAMPLES: list[list] = []
_volgnummer = itertools.count()
_stap = itertools.count()
_gedaan = itertools.count(1)


@events.request.add_listener
def _record(name, response_time, response, exception, **kwargs):
    if name.startswith("csrf"):
        return
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


def url_voor(i: int) -> tuple[dict, str]:
    """The endpoint and URL of the i-th step: round r, step s; the endpoint's URLs rotate."""
    ronde, stap = divmod(i, len(SCHEDULE))
    e = ENDPOINTS[SCHEDULE[stap]["endpoint"]]
    k = SCHEDULE[stap]["k"] + ronde * e["weight"]
    return e, e["urls"][k % len(e["urls"])]


#: Mean think time between a user's requests (``bench.run --denktijd``; 0 in the 1-user phase).
DENKTIJD = float(os.environ.get("BENCH_DENKTIJD", "0") or 0)


class Medewerker(HttpUser):
    wait_time = between(DENKTIJD / 2, DENKTIJD * 1.5) if DENKTIJD > 0 else constant(0)

    def on_start(self):
        self.nr = next(_volgnummer)
        self.headers: dict[str, dict] = {}
        for rol, auth in FIXTURE["rollen"].items():
            if "token" in auth:
                self.headers[rol] = {"Authorization": f"Token {auth['token']}"}
            else:
                cookie = auth["sessies"][self.nr % len(auth["sessies"])]
                self.headers[rol] = {"Cookie": f"sessionid={cookie}"}
        self.post_headers: dict[str, dict] = {}

    def _csrf(self, rol: str) -> dict:
        """Name search is a POST (no names in URLs): the form's CSRF cookie and token."""
        if rol not in self.post_headers:
            headers = self.headers[rol]
            response = self.client.get("/klanten/zoeken/", headers=headers, name="csrf (opstart)")
            token = response.cookies.get("csrftoken", "")
            self.post_headers[rol] = {
                "Cookie": f"{headers['Cookie']}; csrftoken={token}",
                "X-CSRFToken": token,
            }
        return self.post_headers[rol]

    @task
    def volgende_stap(self):
        i = next(_stap)
        if i >= TOTAL:
            raise StopUser
        e, url = url_voor(i)
        if "post" in e:
            naam = e["namen"][(i // len(SCHEDULE)) % len(e["namen"])]
            verzoek = self.client.post(
                url,
                data={e["post"]: naam},
                name=e["naam"],
                headers=self._csrf(e["auth"]),
                allow_redirects=False,
                catch_response=True,
            )
        else:
            verzoek = self.client.get(
                url,
                name=e["naam"],
                headers=self.headers[e["auth"]],
                allow_redirects=False,
                catch_response=True,
            )
        with verzoek as response:
            if response.status_code >= 400:
                response.failure(f"HTTP {response.status_code}")
        if next(_gedaan) == TOTAL:  # the last answer of the last round ends the phase
            gevent.spawn(self.environment.runner.quit)
