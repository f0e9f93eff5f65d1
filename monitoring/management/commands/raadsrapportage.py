"""python manage.py raadsrapportage --periode 2026H1 --output rapport.pdf"""

import time
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from monitoring import cijfers, pdf
from monitoring.periods import Periode


class Command(BaseCommand):
    help = "Maakt de raadsrapportage (PDF) voor een periode, met dezelfde code als de browser."

    def add_arguments(self, parser):
        parser.add_argument("--periode", required=True, help="bijv. 2026H1 of 2026Q3")
        parser.add_argument("--output", required=True, help="pad van het PDF-bestand")
        parser.add_argument("--html", help="schrijf ook de HTML naar dit pad")

    def handle(self, *args, periode: str, output: str, html: str | None, **options):
        try:
            p = Periode.parse(periode)
        except ValueError as exc:
            raise CommandError(str(exc)) from exc
        t0 = time.monotonic()
        snapshot = cijfers.cijfers_bereken(p)
        t1 = time.monotonic()
        document = pdf.rapport_html(snapshot)
        if html:
            Path(html).write_text(document, encoding="utf-8")
        document_pdf = pdf.rapport_pdf(document)
        Path(output).write_bytes(document_pdf)
        t2 = time.monotonic()
        self.stdout.write(
            f"Raadsrapportage {p.naam}: {output} ({len(document_pdf) // 1024} kB); "
            f"cijfers {t1 - t0:.1f} s, opmaak en PDF {t2 - t1:.1f} s, totaal {t2 - t0:.1f} s"
        )
