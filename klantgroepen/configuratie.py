"""Writes on the klantgroep configuration (the beheerder's policy settings).

Kept apart from ``services.py`` (group membership, which moves into ``clients``): this module
is what stays in klantgroepen. Future plans follow a change; history is never rewritten.
"""

from typing import Any

from django.db import transaction

from deventer_werk.audit.constants import Actie
from deventer_werk.audit.services import audit_record

from .models import Klantgroep


@transaction.atomic
def klantgroep_configureer(
    *, actor, klantgroep: Klantgroep, data: dict[str, Any], request=None
) -> Klantgroep:
    """Save validated configuration ``data`` on the klantgroep (locked row), with an audit
    line naming the changed fields (never values)."""
    locked = Klantgroep.objects.select_for_update().get(pk=klantgroep.pk)
    gewijzigd = sorted(k for k, v in data.items() if getattr(locked, k) != v)
    for veld, waarde in data.items():
        setattr(locked, veld, waarde)
    locked.full_clean()
    locked.save()
    audit_record(
        actor=actor,
        actie=Actie.GEWIJZIGD,
        object_type="klantgroep-configuratie",
        request=request,
        details={"klantgroep": locked.code, "velden": gewijzigd},
    )
    return locked
