"""The benchmark's targets (issue 33): pages within 3× the floor where that says something —
one user, or many users with think time — and not in a saturation phase (no think time),
where every request queues for a worker, the floor too."""

from bench.report import FLOOR, analyse, markdown


def _phase(users: int, denktijd: float, floor_ms: float, page_ms: float) -> dict:
    samples = [[FLOOR, floor_ms, 0, 2, 0.5]] * 5 + [["werkcoach: dossier", page_ms, 0, 30, 17]] * 5
    return {
        "users": users,
        "denktijd_s": denktijd,
        "duration_s": 10.0,
        "load_before": [0.1, 0.1, 0.1],
        "load_after": [0.2, 0.2, 0.2],
        "worker_rss_max_mb": 150.0,
        "cpu_count": 2,
        "runner_cpu_s": 1.0,
        "samples": samples,
    }


def test_the_ratio_is_held_at_one_user_and_with_think_time_only():
    result = analyse(
        [
            _phase(1, 0, floor_ms=6.5, page_ms=65.0),  # 10× at one user: missed
            _phase(16, 0, floor_ms=230.0, page_ms=900.0),  # saturated: no ratio target
            _phase(16, 1.0, floor_ms=7.0, page_ms=70.0),  # with think time: missed
        ],
        dedicated=False,
    )
    assert result["missed"] == [
        "1 users, werkcoach: dossier: median 10.0× floor > 3×",
        "16 users, werkcoach: dossier: median 10.0× floor > 3×",
    ]
    assert not result["targets_met"]


def test_a_page_within_three_times_the_floor_meets_the_target():
    result = analyse([_phase(1, 0, floor_ms=6.5, page_ms=19.0)], dedicated=False)
    assert result["targets_met"], result["missed"]


def test_the_report_says_the_think_time_of_each_phase():
    result = analyse([_phase(16, 1.0, floor_ms=7.0, page_ms=14.0)], dedicated=False)
    result.update(
        meta={
            "commit": "abc",
            "size": "city",
            "workers": 5,
            "cpu_count": 2,
            "load_before": [0.1, 0.1, 0.1],
            "started": "2026-12-07T19:00:00+00:00",
        },
        label="test",
        database_url="127.0.0.1:5432/dw_bench",
    )
    assert "16 user(s), 10.0 s, 10 requests (1.0/s), think time 1.0 s" in markdown(result)
