from django.apps import AppConfig


class PlanningConfig(AppConfig):
    """The cadence rule, the planner, kick-off invitations, the weekly digest, the bookkeeping
    of periodic work with its sweeper, and every beat task."""

    name = "clients.planning"
    label = "planning"
    verbose_name = "Planning en periodiek werk"
