"""The benchmark's schedule covers every GET route of the access matrix, for every role that
may open it, in a fixed, weighted order."""

from collections import Counter

from bench import routes
from tests.test_access_matrix import MATRIX


def test_the_benchmark_knows_every_get_route_of_the_access_matrix():
    get = {naam: spec for naam, spec in MATRIX.items() if spec["method"] == "get"}
    assert set(routes.ROUTES) == set(get)
    for naam, spec in get.items():
        bench = routes.ROUTES[naam]
        assert bench["rollen"] == spec["rollen"], naam
        assert bench["args"] == spec["args"], naam
        assert bench["kind"] == spec["kind"], naam
        assert set(bench["query"]) == set(spec["query"]), naam


def test_every_role_walks_its_routes_and_every_route_is_walked():
    gelopen = set()
    for rol in routes.ROLLEN:
        eigen = routes.routes_voor(rol)
        assert eigen, rol
        assert "home" in eigen
        gelopen.update(eigen)
    assert gelopen == set(routes.ROUTES)
    # client pages only for the dossier roles (need-to-know), the audit trail for the beheerder
    assert "clients:dossier" not in routes.routes_voor(routes.TR)
    assert "audit:klant" in routes.routes_voor(routes.BH)


def _endpoints():
    return [
        {"naam": f"{rol}: {naam}", "rol": rol, "weight": routes.WEIGHTS.get(naam, 1)}
        for rol in routes.ROLLEN
        for naam in routes.routes_voor(rol)
    ] + [{"naam": routes.FLOOR, "rol": "vloer", "weight": routes.FLOOR_WEIGHT}]


def test_the_schedule_is_fixed_and_weighted():
    endpoints = _endpoints()
    ronde = routes.schedule(endpoints)
    assert ronde == routes.schedule(endpoints)  # deterministic
    aantallen = Counter(stap["endpoint"] for stap in ronde)
    assert aantallen == {e["naam"]: e["weight"] for e in endpoints}
    # each occurrence of an endpoint numbered, so its URLs rotate
    dossier = [s["k"] for s in ronde if s["endpoint"] == "werkcoach: clients:dossier"]
    assert dossier == [0, 1, 2, 3]
    # the roles run side by side: every role has a step in the first tenth of the round
    begin = {stap["endpoint"].split(":")[0] for stap in ronde[: len(ronde) // 10]}
    assert set(routes.ROLLEN) <= begin
    # a heavy endpoint is spread over the round, not bunched
    posities = [i for i, s in enumerate(ronde) if s["endpoint"] == routes.FLOOR]
    assert min(b - a for a, b in zip(posities, posities[1:], strict=False)) > len(ronde) // 8


def test_rounds_give_every_endpoint_at_least_the_asked_samples():
    endpoints = _endpoints()
    rondes = routes.rounds_for(endpoints, 50)
    assert rondes == 50
    assert min(e["weight"] for e in endpoints) * rondes >= 50
    assert routes.rounds_for(endpoints, 1) == 1


def test_smooth_weighted_round_robin_spreads_the_weights():
    assert routes.smooth_wrr([("a", 5), ("b", 1), ("c", 1)]) == ["a", "a", "b", "a", "c", "a", "a"]
