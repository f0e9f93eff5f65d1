"""Seed: kansrijke sectoren (policy: logistiek, bouw, zorg, schoonmaak; seeds 000–003 add
techniek and ICT), providers, and the instrument catalogue per klantgroep (policy §3.3)."""

from django.db import migrations

SECTOREN = [("Logistiek", True), ("Bouw", True), ("Zorg", True), ("Schoonmaak", True),
            ("Techniek", True), ("ICT", True), ("Horeca", False), ("Detailhandel", False),
            ("Groen", False)]
AANBIEDERS = ["Deventer Werktalent (DWT)", "Cambio", "KonnecteD", "Participatiemakelaar IO",
              "Sociaal werk Deventer"]
# naam, soort, klantgroepen, weken, kosten, aanbieders, CBS/SRG-code
INSTRUMENTEN = [
    ("Matching op vacature", "matching", ["matchen"], 8, 500, ["Deventer Werktalent (DWT)"], "SRG-MAT"),
    ("Stage", "stage", ["matchen", "groeien"], 12, 750, ["Deventer Werktalent (DWT)"], "SRG-STA"),
    ("Snuffelstage", "snuffelstage", ["matchen", "groeien"], 2, 150, ["Deventer Werktalent (DWT)"], "SRG-STA"),
    ("Work fast", "work_fast", ["matchen"], 4, 400, ["Deventer Werktalent (DWT)"], "SRG-WF"),
    ("Werkleerroute logistiek", "werkleerroute", ["groeien"], 26, 3500, ["KonnecteD"], "SRG-WLR"),
    ("Werkleerroute zorg", "werkleerroute", ["groeien"], 26, 3500, ["KonnecteD"], "SRG-WLR"),
    ("Werkleerroute bouw en techniek", "werkleerroute", ["groeien"], 26, 3500, ["KonnecteD"], "SRG-WLR"),
    ("Werkleerroute schoonmaak", "werkleerroute", ["groeien"], 20, 2800, ["KonnecteD"], "SRG-WLR"),
    ("Coaching", "coaching", ["groeien"], 16, 1200, ["Deventer Werktalent (DWT)"], "SRG-COA"),
    ("Diagnose en werkfit maken", "diagnose", ["groeien"], 12, 1800, ["Cambio", "Deventer Werktalent (DWT)"], "SRG-DIA"),
    ("Scholing (vakgericht)", "scholing", ["matchen", "groeien"], 20, 2500, ["KonnecteD"], "SRG-SCH"),
    ("Loonkostensubsidie", "loonkostensubsidie", ["groeien"], 52, 9000, ["Deventer Werktalent (DWT)"], "SRG-LKS"),
    ("Beschut werk", "beschut_werk", ["groeien"], 52, 12000, ["Cambio"], "SRG-BW"),
    ("Jobcoaching", "jobcoaching", ["groeien"], 26, 2000, ["Deventer Werktalent (DWT)"], "SRG-JC"),
    ("Nazorg na plaatsing", "nazorg", ["matchen", "groeien"], 26, 300, ["Deventer Werktalent (DWT)"], "SRG-NZ"),
    ("Participatieplek", "participatieplek", ["faciliteren"], 52, 250, ["Participatiemakelaar IO"], "SRG-PP"),
    ("Vrijwilligerswerk", "vrijwilligerswerk", ["faciliteren", "zorgen"], 52, 0, ["Participatiemakelaar IO", "Sociaal werk Deventer"], "SRG-VW"),
    ("Additionele arbeid", "additionele_arbeid", ["faciliteren"], 52, 0, ["Participatiemakelaar IO"], "SRG-AA"),
]


def seed(apps, schema_editor):
    Sector = apps.get_model("trajecten", "Sector")
    Aanbieder = apps.get_model("trajecten", "Aanbieder")
    Instrument = apps.get_model("trajecten", "Instrument")
    Klantgroep = apps.get_model("klantgroepen", "Klantgroep")
    for naam, kansrijk in SECTOREN:
        Sector.objects.get_or_create(naam=naam, defaults={"kansrijk": kansrijk})
    aanbieders = {n: Aanbieder.objects.get_or_create(naam=n)[0] for n in AANBIEDERS}
    groepen = {k.code: k for k in Klantgroep.objects.all()}
    for naam, soort, codes, weken, kosten, door, cbs in INSTRUMENTEN:
        inst, created = Instrument.objects.get_or_create(
            naam=naam, defaults={"soort": soort, "standaard_duur_weken": weken, "kosten": kosten,
                                 "cbs_code": cbs})
        if created:
            inst.klantgroepen.set([groepen[c] for c in codes])
            inst.aanbieders.set([aanbieders[a] for a in door])


class Migration(migrations.Migration):
    dependencies = [("trajecten", "0001_trajecten"), ("klantgroepen", "0002_seed_klantgroepen")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
