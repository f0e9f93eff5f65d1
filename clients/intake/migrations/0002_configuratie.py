"""Seed: screening checklist, network partners, diagnose-instrument v1 (questions per leefgebied)."""

import datetime

from django.db import migrations

CHECKLIST = [
    "Identiteit vastgesteld (geldig ID-bewijs gezien)",
    "Woonadres in Deventer (BRP) gecontroleerd",
    "Inkomen en vermogen van huishouden besproken",
    "Voorliggende voorzieningen (WW, toeslagen, alimentatie) nagegaan",
    "Huishoudsamenstelling en kostendelers vastgesteld",
    "Direct geldgebrek (broodnood) uitgevraagd",
    "Huurachterstand of dreigende huisuitzetting uitgevraagd",
    "Schulden en betalingsachterstanden uitgevraagd",
    "Zorg en gezondheid (belemmeringen) kort besproken",
]
PARTNERS = [
    ("Budget Adviesbureau Deventer (BAD)", "Schulden, budgetbeheer, beschermingsbewind"),
    ("Wmo / sociaal team", "Ondersteuning thuis, zorg, welzijn"),
    ("Voedselbank Deventer", "Acuut voedseltekort"),
    ("Woningcorporatie (huurachterstand)", "Voorkomen huisuitzetting"),
    ("Schuldhulpverlening", "Schuldregeling"),
    ("GGZ / huisarts", "Psychische of lichamelijke klachten"),
]
VRAGEN = {
    "werk": ["Hoe ver voelt u zich van betaald werk af?", "Heeft u een dagbesteding die u bevalt?"],
    "financien": ["Kunt u rondkomen van uw inkomen?", "Heeft u zicht op uw schulden?"],
    "huisvesting": ["Heeft u een stabiele woonplek?", "Kunt u uw woonlasten betalen?"],
    "gezondheid": ["Belemmert uw gezondheid u in het dagelijks leven?"],
    "psychisch": ["Hoe gaat het met u (stress, zorgen)?"],
    "sociaal": ["Heeft u mensen om u heen op wie u kunt terugvallen?"],
    "vaardigheden": ["Lukt het u om Nederlandse brieven en formulieren te begrijpen?",
                     "Kunt u met een computer en internet omgaan?"],
    "gezin": ["Kunt u werk of activiteiten combineren met zorg voor anderen?"],
    "verslaving": ["Speelt alcohol, drugs of gokken een rol in uw leven?"],
    "justitie": ["Heeft u te maken met justitie of reclassering?"],
}


def seed(apps, schema_editor):
    ScreeningVraag = apps.get_model("intake", "ScreeningVraag")
    Netwerkpartner = apps.get_model("intake", "Netwerkpartner")
    DiagnoseInstrument = apps.get_model("intake", "DiagnoseInstrument")
    DiagnoseVraag = apps.get_model("intake", "DiagnoseVraag")
    for i, tekst in enumerate(CHECKLIST, start=1):
        ScreeningVraag.objects.get_or_create(tekst=tekst, defaults={"volgorde": i})
    for naam, omschrijving in PARTNERS:
        Netwerkpartner.objects.get_or_create(naam=naam, defaults={"omschrijving": omschrijving})
    instrument, created = DiagnoseInstrument.objects.get_or_create(
        naam="Diagnose leefgebieden", versie=1,
        defaults={"actief": True, "ingangsdatum": datetime.date(2020, 7, 1)},
    )
    if created:
        volgorde = 0
        for leefgebied, vragen in VRAGEN.items():
            for tekst in vragen:
                volgorde += 1
                DiagnoseVraag.objects.create(instrument=instrument, leefgebied=leefgebied,
                                             tekst=tekst, volgorde=volgorde)


class Migration(migrations.Migration):
    dependencies = [("intake", "0001_intake")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
