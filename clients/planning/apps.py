from django.apps import AppConfig


class PlanningConfig(AppConfig):
    """The cadence rule, the planner, kick-off invitations, the weekly digest, the bookkeeping
    of periodic work with its sweeper, and every beat task."""

    name = "clients.planning"
    label = "planning"
    verbose_name = "Planning en periodiek werk"

    def ready(self) -> None:
        from clients import rules
        from clients.registry import DossierSectie, register_herplanner, register_sectie

        from .planner import client_herplan
        from .sectie import taken_sectie

        register_herplanner(client_herplan)

        register_sectie(
            DossierSectie(
                key="taken",
                volgorde=1,
                template="clients/_sectie_taken.html",
                context=taken_sectie,
                actie=rules.SECTIE_TAKEN.naam,
                queries=2,
            )
        )
