"""Every role decision asks the policy (issue 35 item 2): outside the rules modules, the
accounts app and ``deventer_werk/access.py`` no code names a role. The test parses every
module of the apps and fails, with file:line, on

- ``Rol.<X>`` (an attribute of the role enum),
- a call ``.heeft_rol(...)`` or a read of ``.werkt_in_dossiers``,
- a name (or attribute) ending in ``_ROLLEN`` (``DOSSIER_ROLLEN``, ``CONTACT_ROLLEN`` …),
- a string literal equal to a role's value used in a comparison (``rol == "werkcoach"``,
  ``rol in ("intaker", …)``).

A decision belongs in the app's ``rules.py`` (``regel``) and is asked with ``may`` /
``gebruikers_met``; a role used as data (the role a task's team queue or a contact person
row carries) lives in a rules module as a named constant or helper. What is left is in
``TOEGESTAAN`` below, one reason per file.
"""

import ast
from pathlib import Path

from deventer_werk.accounts.constants import Rol

ROOT = Path(__file__).resolve().parent.parent
APPS = ("clients", "klantgroepen", "monitoring", "deventer_werk")
ROLWAARDEN = frozenset(Rol.values)

#: Modules that may still name roles, with the reason. Keep this list short: a new entry
#: needs a reason why the role is data here and not a decision.
TOEGESTAAN = {
    # Demo data creates users with roles and gives their work to them by role.
    "clients/demo/klantreis.py": "demodata: gebruikers per rol",
    "clients/demo/signalen.py": "demodata: gebruikers per rol",
    "clients/demo/management/commands/demo_data.py": "demodata: maakt gebruikers met rollen",
    # Creating an API token for a role: the role is input, checked against the enum.
    "deventer_werk/api/management/commands/api_token.py": "beheercommando: rol als invoer",
    "deventer_werk/api/services.py": "tokenuitgifte: rol als invoer, gecontroleerd op Rol",
    # The roles that need a second factor are configuration (DW_2FA_ROLLEN), read by the
    # security middleware.
    "deventer_werk/settings.py": "configuratie: DW_2FA_ROLLEN",
    # The kick-off follow-up options carry the role of their team queue as data, beside their
    # rule (clients/intake/rules.py KICKOFF_WERKCOACH, KICKOFF_PARTICIPATIEMAKELAAR).
    "clients/intake/services/vervolg.py": "gegevens: rol van de teamwachtrij per vervolg",
    # Which roles need a second factor is configuration (settings.DW_2FA_ROLLEN).
    "deventer_werk/security/middleware.py": "configuratie: DW_2FA_ROLLEN",
}


def _bron(pad: Path) -> str:
    return pad.relative_to(ROOT).as_posix()


def _modules():
    for app in APPS:
        for pad in sorted((ROOT / app).rglob("*.py")):
            naam = _bron(pad)
            if "migrations" in pad.parts or pad.name == "rules.py":
                continue
            if naam.startswith("deventer_werk/accounts/") or naam == "deventer_werk/access.py":
                continue
            if naam in TOEGESTAAN:
                continue
            yield pad


def _rolwaarde(node: ast.AST) -> bool:
    if isinstance(node, ast.Constant):
        return isinstance(node.value, str) and node.value in ROLWAARDEN
    if isinstance(node, ast.Tuple | ast.List | ast.Set):
        return any(_rolwaarde(e) for e in node.elts)
    return False


def overtredingen(bron: str, naam: str) -> list[str]:
    """The role names in one module's source, as ``file:line: what``."""
    gevonden: list[tuple[int, str]] = []
    for node in ast.walk(ast.parse(bron)):
        wat = None
        if isinstance(node, ast.Attribute):
            if isinstance(node.value, ast.Name) and node.value.id == "Rol":
                wat = f"Rol.{node.attr}"
            elif node.attr == "werkt_in_dossiers":
                wat = ".werkt_in_dossiers"
            elif node.attr.endswith("_ROLLEN"):
                wat = f".{node.attr}"
        elif isinstance(node, ast.Call):
            if isinstance(node.func, ast.Attribute) and node.func.attr == "heeft_rol":
                wat = ".heeft_rol(...)"
        elif isinstance(node, ast.Name) and node.id.endswith("_ROLLEN"):
            wat = node.id
        elif isinstance(node, ast.Compare):
            if any(_rolwaarde(n) for n in (node.left, *node.comparators)):
                wat = "rolnaam in een vergelijking"
        if wat is not None:
            gevonden.append((getattr(node, "lineno", 0), wat))
    return [f"{naam}:{regel}: {wat}" for regel, wat in sorted(gevonden)]


def test_no_role_names_outside_the_policy():
    gevonden = []
    for pad in _modules():
        gevonden += overtredingen(pad.read_text(), _bron(pad))
    assert not gevonden, "Rollen buiten het beleid (rules.py):\n" + "\n".join(gevonden)


def test_the_allow_list_names_existing_modules_that_still_need_it():
    for naam in TOEGESTAAN:
        pad = ROOT / naam
        assert pad.exists(), naam
        assert overtredingen(pad.read_text(), naam), f"{naam} staat onnodig op de lijst"


def test_each_kind_of_offender_is_found():
    bron = """
from deventer_werk.accounts.constants import DOSSIER_ROLLEN, Rol
a = Rol.WERKCOACH
b = user.heeft_rol("intaker")
c = DOSSIER_ROLLEN
d = rol == "werkcoach"
e = rol in ("trainer", "x")
f = user.werkt_in_dossiers
g = settings.DW_2FA_ROLLEN
h = soort == "werkcoaching"
"""
    regels = sorted(r.split(": ", 1)[0] for r in overtredingen(bron, "x.py"))
    assert regels == [f"x.py:{n}" for n in (3, 4, 5, 6, 7, 8, 9)]
