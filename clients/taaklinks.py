"""Which form does the work of a task: saving that form completes the task."""

from django.urls import reverse

from .constants import TaakSoort

# Kind -> URL name of the form (all take the client's pk).
_FORMULIER = {
    TaakSoort.AMBITIEGESPREK: "intake:ambitiegesprek",
    TaakSoort.BESLUIT: "intake:besluit",
    TaakSoort.VOORTGANGSGESPREK: "begeleiding:voortgangsgesprek",
    TaakSoort.RECHTMATIGHEID: "handhaving:onderzoek_start",
    TaakSoort.STEEKPROEF: "handhaving:onderzoek_start",
    TaakSoort.NADER_ONDERZOEK: "handhaving:onderzoek_start",
    TaakSoort.PLAN_HERZIEN: "begeleiding:plan",
    TaakSoort.ACTIE: "begeleiding:plan",
    TaakSoort.GROEP_HERZIEN: "clients:groepsindeling",
}


def _uit_sleutel(sleutel: str | None, prefix: str) -> int | None:
    if not sleutel or not sleutel.startswith(prefix):
        return None
    deel = sleutel[len(prefix) :].split(":", 1)[0]
    return int(deel) if deel.isdigit() else None


def taak_formulier_url(taak) -> str:
    """The URL of the form that completes ``taak`` (no query: everything is on the row)."""
    plaatsing = _uit_sleutel(taak.sleutel, "nazorg:")
    if plaatsing is not None:
        return reverse("trajecten:plaatsing", args=[plaatsing])
    traject = _uit_sleutel(taak.sleutel, "loonwaarde:")
    if traject is not None:
        return reverse("trajecten:loonwaarde", args=[taak.client_id, traject])
    einde = _uit_sleutel(taak.sleutel, "uitkeringseinde:")
    if einde is not None:
        return reverse("trajecten:uitkeringseinde", args=[taak.client_id, einde])
    naam = _FORMULIER.get(taak.soort)
    if naam is None:
        return reverse("clients:dossier", args=[taak.client_id])
    return reverse(naam, args=[taak.client_id])
