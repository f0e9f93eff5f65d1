"""Monitoring pages for the beleidsmedewerker: aggregates only, never personal data."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone

from clients.constants import Wijk
from deventer_werk.access import require
from deventer_werk.audit.services import audit_record
from deventer_werk.forms import Form

from . import exports, pdf, rules
from .datums import periode_naam
from .models import Raadsrapportage
from .periods import Periode, halfjaar_van, kwartaal_van
from .presentatie import presenteer
from .selectors import periodecijfers
from .services import rapport_vraag_aan


def _periode_keuzes(aantal: int, soort: str, *, lopend: bool = False) -> list[tuple[str, str]]:
    vandaag = timezone.localdate()
    p = (kwartaal_van if soort == "Q" else halfjaar_van)(vandaag)
    if not lopend:
        p = p.vorige()
    keuzes = []
    for _ in range(aantal):
        keuzes.append((p.code, p.naam + (" (voorlopig)" if p.eind >= vandaag else "")))
        p = p.vorige()
    return keuzes


class DashboardForm(Form):
    periode = forms.ChoiceField(label="Periode", choices=())
    wijk = forms.ChoiceField(
        label="Wijk", choices=[("", "Heel Deventer")] + list(Wijk.choices), required=False
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["periode"].choices = [
            ("Kwartalen", _periode_keuzes(12, "Q", lopend=True)),
            ("Halfjaren", _periode_keuzes(8, "H", lopend=True)),
        ]


def _dashboard_keuze(request) -> tuple[DashboardForm, Periode, str]:
    form = DashboardForm(request.GET or None)
    code, wijk = kwartaal_van(timezone.localdate()).code, ""
    if form.is_bound and form.is_valid():
        code, wijk = form.cleaned_data["periode"], form.cleaned_data["wijk"]
    return form, Periode.parse(code), wijk


DASHBOARD_TABELLEN = [
    "bestand",
    "trend",
    "doorstroom",
    "redenen",
    "kennen",
    "voortgang",
    "trajecten",
    "minima",
    "directe_hulp",
    "ambitie_stand",
    "kenmerken",
]


@login_required
def dashboard(request):
    require(request.user, rules.DASHBOARD)
    form, periode, wijk = _dashboard_keuze(request)
    snapshot = periodecijfers(periode, wijk)
    p = presenteer(snapshot)
    h = snapshot["huidig"]
    grafieken = pdf.grafieken_dashboard(p)
    return render(
        request,
        "monitoring/dashboard.html",
        {
            "form": form,
            "s": snapshot,
            "p": p,
            "k": pdf.kerncijfers(p),
            "tabellen": [p.tabellen[n] for n in DASHBOARD_TABELLEN if n in p.tabellen],
            "grafieken": grafieken,
            "periode": periode,
            "periode_naam": periode_naam(h["periode"]),
            "wijk": wijk,
            "wijk_naam": Wijk(wijk).label if wijk else "",
            "correcties": _correcties_tekst(h.get("correcties") or {}, snapshot["drempel"]),
        },
    )


def _correcties_tekst(per_soort: dict, drempel: int) -> str:
    """ "2 groepswijzigingen en minder dan 5 uitstromen": small numbers as the tables show them."""

    def aantal(n: int, enkel: str, meer: str) -> str:
        getal = str(n) if n >= drempel else f"minder dan {drempel}"
        return f"{getal} {enkel if n == 1 and n >= drempel else meer}"

    delen = [
        aantal(n, enkel, meer)
        for soort, enkel, meer in (
            ("groepswijziging", "groepswijziging", "groepswijzigingen"),
            ("uitstroom", "uitstroom", "uitstromen"),
        )
        if (n := per_soort.get(soort, 0))
    ]
    return " en ".join(delen)


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
            obj.refresh_from_db(fields=["status", "verstuurd_op"])
            if obj.status == Raadsrapportage.Status.WACHTRIJ and obj.verstuurd_op is None:
                # The task server (Redis) did not take it: the sweeper sends it later.
                messages.warning(
                    request,
                    "De raadsrapportage is aangevraagd, maar de takenserver is nu niet "
                    "bereikbaar. De aanvraag blijft in de wachtrij staan en het rapport wordt "
                    "vanzelf gemaakt zodra de takenserver terug is; u hoeft niets opnieuw aan "
                    "te vragen.",
                )
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
        p = presenteer(obj.cijfers)
        context["s"] = obj.cijfers
        context["tabellen"] = [p.tabellen[n] for n in DASHBOARD_TABELLEN if n in p.tabellen]
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


def _kwartaal_tabellen(jaar: int) -> list:
    """The bestand table of every quarter of the year that has started."""
    tabellen = []
    for q in range(1, 5):
        periode = Periode.parse(f"{jaar}Q{q}")
        if periode.start > timezone.localdate():
            break
        tabellen.append(presenteer(periodecijfers(periode))["bestand"])
    return tabellen


def _export_audit(request, **details) -> None:
    audit_record(
        actor=request.user,
        actie="cijfers_geexporteerd",
        object_type="monitoring",
        request=request,
        details=details,
    )


@login_required
def export(request, jaar: int, formaat: str):
    require(request.user, rules.EXPORT)
    if formaat not in ("csv", "xlsx") or not 2015 <= jaar <= timezone.localdate().year:
        raise Http404
    tabellen = _kwartaal_tabellen(jaar)
    _export_audit(request, jaar=jaar, formaat=formaat)
    maak = exports.csv_response if formaat == "csv" else exports.xlsx_response
    return maak(tabellen, f"deventer-werk-kwartaalcijfers-{jaar}")


@login_required
def export_tabel(request, tabel: str, formaat: str):
    """Every dashboard table as CSV or XLSX, for the chosen period and wijk."""
    require(request.user, rules.EXPORT)
    form, periode, wijk = _dashboard_keuze(request)
    if formaat not in ("csv", "xlsx") or (form.is_bound and not form.is_valid()):
        raise Http404
    p = presenteer(periodecijfers(periode, wijk))
    if tabel == "alle":
        tabellen = [p.tabellen[n] for n in DASHBOARD_TABELLEN if n in p.tabellen]
    elif tabel in DASHBOARD_TABELLEN and tabel in p.tabellen:
        tabellen = [p.tabellen[tabel]]
    else:
        raise Http404
    _export_audit(request, periode=periode.code, wijk=wijk, tabel=tabel, formaat=formaat)
    naam = f"deventer-werk-{tabel}-{periode.code}{'-' + wijk if wijk else ''}"
    maak = exports.csv_response if formaat == "csv" else exports.xlsx_response
    return maak(tabellen, naam)
