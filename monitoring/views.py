"""Monitoring pages for the beleidsmedewerker: aggregates only, never personal data."""

import csv
import io

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone

from deventer_werk.access import require
from deventer_werk.audit.services import audit_record
from deventer_werk.forms import Form

from . import rapport, rules
from .models import Raadsrapportage
from .periods import Periode, halfjaar_van, kwartaal_van
from .services import rapport_vraag_aan


def _periode_keuzes(aantal: int, soort: str) -> list[tuple[str, str]]:
    vandaag = timezone.localdate()
    p = (kwartaal_van if soort == "Q" else halfjaar_van)(vandaag).vorige()
    keuzes = []
    for _ in range(aantal):
        keuzes.append((p.code, p.naam))
        p = p.vorige()
    return keuzes


class DashboardForm(Form):
    periode = forms.ChoiceField(label="Kwartaal", choices=())

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["periode"].choices = _periode_keuzes(12, "Q")


@login_required
def dashboard(request):
    require(request.user, rules.DASHBOARD)
    form = DashboardForm(request.GET or None)
    code = form.fields["periode"].choices[0][0]
    if form.is_bound and form.is_valid():
        code = form.cleaned_data["periode"]
    periode = Periode.parse(code)
    snapshot = rapport.cijfers_bereken(periode)
    return render(
        request,
        "monitoring/dashboard.html",
        {
            "form": form,
            "s": snapshot,
            "p": rapport.presentatie(snapshot),
            "periode": periode,
            "jaren": sorted({periode.start.year, periode.start.year - 1}, reverse=True),
        },
    )


class RapportForm(Form):
    periode = forms.ChoiceField(label="Halfjaar", choices=())

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["periode"].choices = _periode_keuzes(8, "H")


@login_required
def rapporten(request):
    require(request.user, rules.RAPPORTEN)
    form = RapportForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            obj = rapport_vraag_aan(
                actor=request.user, periode=Periode.parse(form.cleaned_data["periode"])
            )
        except ValueError as exc:
            form.add_error("periode", str(exc))
        else:
            messages.success(
                request, "De raadsrapportage staat in de wachtrij en wordt zo gemaakt."
            )
            return redirect("monitoring:rapport", pk=obj.pk)
    lijst = Raadsrapportage.objects.select_related("aangevraagd_door").defer("pdf", "cijfers")[:50]
    return render(request, "monitoring/rapporten.html", {"form": form, "rapporten": lijst})


@login_required
def rapport_detail(request, pk):
    require(request.user, rules.RAPPORTEN)
    obj = get_object_or_404(Raadsrapportage.objects.defer("pdf"), pk=pk)
    context = {"rapport": obj}
    if obj.status == Raadsrapportage.Status.KLAAR and obj.cijfers:
        context["p"] = rapport.presentatie(obj.cijfers)
        context["s"] = obj.cijfers
    return render(request, "monitoring/rapport_detail.html", context)


@login_required
def rapport_status(request, pk):
    require(request.user, rules.RAPPORTEN)
    obj = get_object_or_404(
        Raadsrapportage.objects.only("status", "voortgang", "stap", "foutmelding"), pk=pk
    )
    return JsonResponse(
        {
            "status": obj.status,
            "status_label": obj.get_status_display(),
            "voortgang": obj.voortgang,
            "stap": obj.stap,
        }
    )


@login_required
def rapport_download(request, pk):
    require(request.user, rules.RAPPORTEN)
    obj = get_object_or_404(Raadsrapportage, pk=pk, status=Raadsrapportage.Status.KLAAR)
    audit_record(
        actor=request.user,
        actie="rapport_gedownload",
        object_type="raadsrapportage",
        request=request,
        details={"rapport": obj.pk, "periode": obj.periode},
    )
    response = HttpResponse(bytes(obj.pdf), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{obj.bestandsnaam}"'
    return response


EXPORT_KOLOMMEN = [
    "kwartaal",
    "klantgroep",
    "bestand begin",
    "instroom",
    "uitstroom",
    "uitstroom naar werk",
    "bestand eind",
]


def _export_rijen(jaar: int) -> list[list[str]]:
    rijen = []
    for q in range(1, 5):
        periode = Periode.parse(f"{jaar}Q{q}")
        if periode.start > timezone.localdate():
            break
        snapshot = rapport.cijfers_bereken(periode)
        for r in rapport.presentatie(snapshot)["bestand"]:
            rijen.append(
                [
                    periode.code,
                    r["naam"],
                    str(r["begin"]),
                    str(r["instroom"]),
                    str(r["uitstroom"]),
                    str(r["naar_werk"]),
                    str(r["eind"]),
                ]
            )
    return rijen


@login_required
def export(request, jaar: int, formaat: str):
    require(request.user, rules.EXPORT)
    if formaat not in ("csv", "xlsx") or not 2015 <= jaar <= timezone.localdate().year:
        raise Http404
    rijen = _export_rijen(jaar)
    audit_record(
        actor=request.user,
        actie="cijfers_geexporteerd",
        object_type="monitoring",
        request=request,
        details={"jaar": jaar, "formaat": formaat},
    )
    naam = f"deventer-werk-kwartaalcijfers-{jaar}"
    if formaat == "csv":
        buf = io.StringIO()
        writer = csv.writer(buf, delimiter=";")
        writer.writerow(EXPORT_KOLOMMEN)
        writer.writerows(rijen)
        response = HttpResponse("\ufeff" + buf.getvalue(), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{naam}.csv"'
        return response
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.title = f"Kwartaalcijfers {jaar}"
    ws.append(EXPORT_KOLOMMEN)
    for rij in rijen:
        ws.append([int(c) if c.isdigit() else c for c in rij])
    buf = io.BytesIO()
    wb.save(buf)
    response = HttpResponse(
        buf.getvalue(),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = f'attachment; filename="{naam}.xlsx"'
    return response
