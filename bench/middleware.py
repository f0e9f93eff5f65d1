"""Per-request database figures for the benchmark (enabled only in ``bench.settings``).

Adds ``X-DB-Queries`` and ``X-DB-Time`` (ms) to every response. With ``BENCH_SLOW_LOG`` set,
the slowest SELECT of each request is appended (as executed, parameters bound) to that file
so that the runner can ``EXPLAIN (ANALYZE, BUFFERS)`` the slowest statements afterwards.
"""

import json
import os
import time

from django.db import connection


class _Recorder:
    def __init__(self):
        self.queries = 0
        self.seconds = 0.0
        self.slowest: tuple[float, str | None] = (0.0, None)

    def __call__(self, execute, sql, params, many, context):
        started = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            took = time.perf_counter() - started
            self.queries += 1
            self.seconds += took
            if took > self.slowest[0] and sql.lstrip().upper().startswith("SELECT"):
                self.slowest = (took, _bound(sql, params, context))


def _bound(sql, params, context) -> str:
    try:
        return context["cursor"].cursor.mogrify(sql, params).decode()
    except Exception:  # noqa: BLE001 - best effort, only for the report
        return sql


class QueryStatsMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        self.slow_log = os.environ.get("BENCH_SLOW_LOG", "")

    def __call__(self, request):
        recorder = _Recorder()
        with connection.execute_wrapper(recorder):
            response = self.get_response(request)
        response["X-DB-Queries"] = str(recorder.queries)
        response["X-DB-Time"] = f"{recorder.seconds * 1000:.2f}"
        took, stmt = recorder.slowest
        if self.slow_log and stmt is not None:
            line = {
                "path": request.resolver_match.route if request.resolver_match else "",
                "ms": round(took * 1000, 2),
                "sql": stmt,
            }
            with open(self.slow_log, "a", encoding="utf-8") as fh:
                fh.write(json.dumps(line) + "\n")
        return response
