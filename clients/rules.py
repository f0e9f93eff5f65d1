"""Access policy of the dossier core (clients): which roles may do what.

Every rule is declared once here; views, dossier sections/actions, the API, the navigation and
templates ask ``may(user, RULE)`` (``deventer_werk.access``). Which *dossiers* a user may open
is need-to-know (``Client.objects.visible_to``) and is checked before any of these (404).

The end of the module holds the roles the dossier core uses as *data*: the role a contact row
or a team queue carries and who may hold a task. No other module names a role
(``tests/test_geen_rollen_buiten_beleid.py``).
"""

from typing import Any

from deventer_werk.access import regel
from deventer_werk.accounts.constants import DOSSIER_ROLLEN, ROL_ORGANISATIE, Organisatie, Rol

from .constants import TaakSoort

# Working in dossiers at all: werkvoorraad, mijn klanten, zoeken, the dossier and its timeline.
DOSSIERWERK = regel("clients.dossierwerk", DOSSIER_ROLLEN, "Werken in klantdossiers")
# Need-to-know (Client.objects.visible_to): the IO roles that see every client; the
# participatiemakelaar sees Faciliteren clients only, DWT roles their own scope.
ALLE_DOSSIERS = regel(
    "clients.alle_dossiers",
    (Rol.POORTWACHTER, Rol.INKOMENSCONSULENT, Rol.HANDHAVER),
    "Alle dossiers (IO)",
)
DOSSIER_BEKIJKEN = regel("clients.dossier_bekijken", DOSSIER_ROLLEN, "Dossier openen")
TIJDLIJN_BEKIJKEN = regel("clients.tijdlijn_bekijken", DOSSIER_ROLLEN, "Tijdlijn bekijken")
GEGEVENS_BEWERKEN = regel("clients.bewerken", DOSSIER_ROLLEN, "Persoonsgegevens bewerken")
REGISTREREN = regel(
    "clients.registreren", (Rol.POORTWACHTER, Rol.INKOMENSCONSULENT), "Nieuwe melding"
)
GROEP_WIJZIGEN = regel(
    "clients.groep_wijzigen",
    (Rol.INTAKER, Rol.INKOMENSCONSULENT, Rol.WERKCOACH, Rol.PARTICIPATIEMAKELAAR),
    "Klantgroep vastleggen of wijzigen",
)
# A wrong group change is corrected by the roles that make group changes (issue 29 item 3).
GROEP_CORRIGEREN = regel(
    "clients.groep_corrigeren",
    (Rol.INTAKER, Rol.INKOMENSCONSULENT, Rol.WERKCOACH, Rol.PARTICIPATIEMAKELAAR),
    "Groepswijziging corrigeren",
)
# Ending a benefit is IO's decision (beleid §4.1), so is correcting it.
UITSTROOM_CORRIGEREN = regel(
    "clients.uitstroom_corrigeren", (Rol.INKOMENSCONSULENT,), "Uitstroom corrigeren"
)
CONTACT_WIJZIGEN = regel(
    "clients.contact_wijzigen",
    (Rol.INKOMENSCONSULENT, Rol.WERKCOACH, Rol.POORTWACHTER, Rol.INTAKER),
    "Contactpersoon vastleggen",
)
# Who can be a client's contact person (the form offers these users).
CONTACTPERSOON_ZIJN = regel(
    "clients.contactpersoon_zijn",
    (Rol.INKOMENSCONSULENT, Rol.WERKCOACH, Rol.PARTICIPATIEMAKELAAR),
    "Contactpersoon van een klant zijn",
)
# "Mijn klanten" of a poortwachter lists the meldingen she registered or screened herself
# (she does the screening, DESIGN.md §1); other roles see the clients they are contact for.
EIGEN_MELDINGEN = regel(
    "clients.eigen_meldingen", (Rol.POORTWACHTER,), "Eigen meldingen in mijn klanten"
)
CASELOAD_OVERDRAGEN = regel(
    "clients.caseload_overdragen", (Rol.BEHEERDER,), "Caseload in bulk overdragen"
)
# Samenloop signals are rechtmatigheid (DESIGN.md §1): the handhaver and the inkomensconsulent.
SAMENLOOP_LEZEN = regel(
    "clients.samenloop_lezen",
    (Rol.HANDHAVER, Rol.INKOMENSCONSULENT),
    "Samenloopsignalen lezen",
)
# Urgent signals (broodnood, dreigende huisuitzetting, schulden) are bestaanszekerheid: debts
# and leefsituatie (DESIGN.md §1). IO roles read them all; a DWT role only the ones DWT itself
# reported (``clients.signalen.signalen_zichtbaar``), so a werkcoach sees what she reported.
URGENTE_SIGNALEN_LEZEN = regel(
    "clients.urgente_signalen_lezen",
    (Rol.POORTWACHTER, Rol.INKOMENSCONSULENT, Rol.PARTICIPATIEMAKELAAR, Rol.HANDHAVER),
    "Urgente signalen (bestaanszekerheid) lezen",
)
# The full BSN (API): IO roles; everyone else gets it masked (DESIGN.md §1).
BSN_VOLLEDIG = regel(
    "clients.bsn_volledig",
    (Rol.POORTWACHTER, Rol.INKOMENSCONSULENT, Rol.PARTICIPATIEMAKELAAR, Rol.HANDHAVER),
    "Volledig BSN lezen",
)
SIGNAAL_MELDEN = regel("clients.signaal_melden", DOSSIER_ROLLEN, "Signaal melden")
SIGNAAL_AFHANDELEN = regel("clients.signaal_afhandelen", DOSSIER_ROLLEN, "Signaal afhandelen")

# Dossier sections (what part of an open dossier a role sees). Today every dossier role sees
# every section; field-level need-to-know narrows these later (issue 12).
SECTIE_TAKEN = regel("clients.sectie_taken", DOSSIER_ROLLEN, "Sectie wat is er te doen")
SECTIE_SIGNALEN = regel("clients.sectie_signalen", DOSSIER_ROLLEN, "Sectie signalen")


# Roles as data, not decisions: the role a client's contact person fills, per organisation.
# The first is the organisation's main contact (the inkomensconsulent at IO, the werkcoach at
# DWT; DESIGN.md §1): stored as '' on Contactpersoon (the historical meaning), and its team
# queue holds the clients without one (``clients.planning.zonder_eigenaar``).
CONTACT_ROLLEN: dict[str, tuple[str, ...]] = {
    Organisatie.IO: (Rol.INKOMENSCONSULENT, Rol.PARTICIPATIEMAKELAAR),
    Organisatie.DWT: (Rol.WERKCOACH, Rol.INTAKER),
}

#: The organisations with contact persons (IO first).
CONTACT_ORGANISATIES = tuple(CONTACT_ROLLEN)


def hoofdcontact_rol(organisatie: str) -> str:
    """The role of the organisation's main contact (KeyError for an organisation without
    contact persons)."""
    return CONTACT_ROLLEN[organisatie][0]


def teamwachtrij(organisatie: str) -> dict:
    """The team queue of the organisation's main contact role, as task owner fields."""
    return {"rol": hoofdcontact_rol(organisatie), "organisatie": organisatie}


#: The stored ``rol`` of a client's inkomensconsulent contact ('' = IO's main contact).
IC_CONTACT = ("", Rol.INKOMENSCONSULENT)
#: Rechtmatigheid work without an owner waits in the handhavers' team queue (IO; DESIGN.md §1).
HANDHAVERS = Rol.HANDHAVER
HANDHAVERS_WACHTRIJ: dict[str, Any] = {"rol": HANDHAVERS, "organisatie": Organisatie.IO}


def contact_rol_voor(medewerker) -> str:
    """The contact role ``medewerker`` fills for their organisation ('' when none)."""
    for rol in CONTACT_ROLLEN.get(medewerker.organisatie, ()):
        if medewerker.heeft_rol(rol):
            return rol
    rollen = CONTACT_ROLLEN.get(medewerker.organisatie, ())
    return rollen[0] if rollen else ""


#: Who may hold a task of a kind: a person with one of these roles, or that role's team
#: queue (each role belongs to one organisation). Kinds not listed: any dossier role of the
#: organisation of the task's current owner.
HOUDERS: dict[str, tuple[str, ...]] = {
    TaakSoort.VOORTGANGSGESPREK: (Rol.INKOMENSCONSULENT,),
    TaakSoort.BESLUIT: (Rol.INKOMENSCONSULENT,),
    TaakSoort.RECHTMATIGHEID: (Rol.HANDHAVER, Rol.INKOMENSCONSULENT),
    TaakSoort.STEEKPROEF: (Rol.HANDHAVER, Rol.INKOMENSCONSULENT),
    TaakSoort.PLAN_HERZIEN: (Rol.WERKCOACH, Rol.PARTICIPATIEMAKELAAR),
    TaakSoort.ACTIE: (Rol.WERKCOACH, Rol.PARTICIPATIEMAKELAAR),
    TaakSoort.NAZORG: (Rol.WERKCOACH,),
    TaakSoort.UITKERING_EINDE: (Rol.INKOMENSCONSULENT,),
    TaakSoort.NADER_ONDERZOEK: (Rol.HANDHAVER,),
    TaakSoort.ONDERZOEK_UITKOMST: (Rol.INKOMENSCONSULENT,),
    TaakSoort.AMBITIEGESPREK: (Rol.INTAKER,),
    TaakSoort.OPVOLGING: (Rol.INKOMENSCONSULENT, Rol.POORTWACHTER),
    # The roles that may change a client's klantgroep (clients.groep_wijzigen).
    TaakSoort.GROEP_HERZIEN: (
        Rol.INKOMENSCONSULENT,
        Rol.WERKCOACH,
        Rol.PARTICIPATIEMAKELAAR,
        Rol.INTAKER,
    ),
}


def taak_houders(taak, organisatie: str) -> tuple[str, ...]:
    """The roles that may hold ``taak``; ``organisatie`` is the handing-over user's."""
    if taak.soort == TaakSoort.TOEWIJZEN:
        return (Rol.INKOMENSCONSULENT,) if taak.organisatie == Organisatie.IO else (Rol.WERKCOACH,)
    if taak.soort in HOUDERS:
        return HOUDERS[taak.soort]
    return tuple(r for r in DOSSIER_ROLLEN if ROL_ORGANISATIE[r] == organisatie)


def mag_houden(medewerker, houders: tuple[str, ...]) -> bool:
    """Does ``medewerker`` hold one of ``houders`` (``taak_houders``) and so may hold the task?"""
    return medewerker.heeft_rol(*houders)


#: The team queues a task can be handed to, in the order the form offers them (a role's
#: queue in its own organisation, ``ROL_ORGANISATIE``); ``taak_houders`` narrows them per task.
TEAMWACHTRIJEN = (
    Rol.INKOMENSCONSULENT,
    Rol.PARTICIPATIEMAKELAAR,
    Rol.WERKCOACH,
    Rol.INTAKER,
    Rol.HANDHAVER,
    Rol.POORTWACHTER,
)
