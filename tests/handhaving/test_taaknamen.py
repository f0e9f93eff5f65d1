import pytest
from django_celery_beat.models import PeriodicTask

from deventer_werk.celery import app

pytestmark = pytest.mark.django_db


def test_every_beat_schedule_names_a_registered_task_of_its_app():
    app.loader.import_default_modules()
    geregistreerd = set(app.tasks)
    op_beat = set(PeriodicTask.objects.exclude(task="").values_list("task", flat=True))
    assert op_beat - {"celery.backend_cleanup"} <= geregistreerd
    assert {
        "planning.plan_voortgang",
        "planning.groep_niet_besproken",
        "planning.kickoff_nodig_uit",
        "planning.weekoverzicht",
        "planning.sweeper",
    } <= op_beat
    assert not {t for t in op_beat if t.startswith(("handhaving.", "intake."))}
