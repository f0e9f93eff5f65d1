"""Test-only, never imported by the application: a worker started with
``-I tests.handhaving.trage_planner`` pauses ``PAUZE`` seconds after planning, inside the
planner task's transaction, so ``test_worker`` can kill it mid-task."""

import functools
import time

from clients.planning import planner as planning

PAUZE = 8.0

_plan_voortgang = planning.plan_voortgang


@functools.wraps(_plan_voortgang)
def _traag(*args, **kwargs):
    resultaat = _plan_voortgang(*args, **kwargs)
    time.sleep(PAUZE)
    return resultaat


planning.plan_voortgang = _traag
