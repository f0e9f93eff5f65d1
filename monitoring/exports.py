"""CSV and formatted XLSX of presented (suppressed) tables."""

import csv
import io

from django.http import HttpResponse

from .presentatie import Tabel

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
FORMATEN = {"aantal": "#,##0", "verschil": "+#,##0;-#,##0;0", "pct": "0%", "euro": '"€" #,##0'}


def _titel(t: Tabel) -> str:
    return t.titel + (" (voorlopig)" if t.voorlopig else "")


def csv_response(tabellen: list[Tabel], naam: str) -> HttpResponse:
    buf = io.StringIO()
    writer = csv.writer(buf, delimiter=";")
    for i, t in enumerate(tabellen):
        if i:
            writer.writerow([])
        writer.writerow([_titel(t)])
        writer.writerow(t.kolommen)
        writer.writerows(t.waarden())
        writer.writerow([t.bron])
    response = HttpResponse("\ufeff" + buf.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{naam}.csv"'
    return response


def xlsx_response(tabellen: list[Tabel], naam: str) -> HttpResponse:
    """One sheet per table: title row, styled and frozen header, widths, number formats."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill

    wb = Workbook()
    wb.remove(wb.active)
    kop = PatternFill("solid", fgColor="F1E4E6")
    for t in tabellen:
        ws = wb.create_sheet((t.id + (" voorlopig" if t.voorlopig else ""))[:31])
        ws.append([_titel(t)])
        ws["A1"].font = Font(bold=True, size=12, color="8B1C2C" if t.voorlopig else "000000")
        ws.append(t.kolommen)
        for cel in ws[2]:
            cel.font, cel.fill = Font(bold=True), kop
            cel.alignment = Alignment(wrap_text=True, vertical="top")
        for rij in t.rijen:
            waarden = [c.getal if c.getal is not None else str(c) for c in rij]
            waarden = [
                w / 100 if c.soort == "pct" and c.getal is not None else w
                for c, w in zip(rij, waarden, strict=True)
            ]
            ws.append(waarden)
            for c, xl in zip(rij, ws[ws.max_row], strict=True):
                if c.getal is not None and c.soort in FORMATEN:
                    xl.number_format = FORMATEN[c.soort]
                elif c.soort != "tekst":
                    xl.alignment = Alignment(horizontal="right")
        ws.append([])
        ws.append([t.bron + (". " + t.noot if t.noot else "")])
        ws.freeze_panes = "B3"
        ws.column_dimensions["A"].width = max(
            18, min(48, max(len(str(r[0])) for r in t.rijen) + 2) if t.rijen else 18
        )
        for i in range(2, len(t.kolommen) + 1):
            letter = ws.cell(row=2, column=i).column_letter
            ws.column_dimensions[letter].width = max(12, min(28, len(t.kolommen[i - 1]) + 2))
    buf = io.BytesIO()
    wb.save(buf)
    response = HttpResponse(buf.getvalue(), content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{naam}.xlsx"'
    return response
