from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_http_methods

from clients.klantreis_views import klantreis_formulier
from deventer_werk.accounts.constants import Rol

from . import selectors, services
from .forms import PlaatsingForm, PlekForm, TrajectEindeForm, TrajectForm
from .models import Traject, Vacature

COACH_ROLLEN = (Rol.WERKCOACH, Rol.PARTICIPATIEMAKELAAR)


@login_required
@require_http_methods(["GET", "POST"])
def traject_nieuw(request, pk):
    def opslaan(client, data):
        services.traject_start(actor=request.user, client=client, **data)

    return klantreis_formulier(
        request,
        pk,
        rollen=COACH_ROLLEN,
        form_factory=TrajectForm,
        opslaan=opslaan,
        template="trajecten/traject.html",
        object_type="traject",
        melding="Het traject is gestart.",
    )


@login_required
@require_http_methods(["GET", "POST"])
def traject_einde(request, pk, traject_pk):
    traject = get_object_or_404(
        Traject.objects.select_related("instrument"), pk=traject_pk, client_id=pk
    )

    def factory(client, data):
        return TrajectEindeForm(client, data, traject=traject)

    def opslaan(client, data):
        services.traject_beeindig(actor=request.user, traject=traject, **data)

    return klantreis_formulier(
        request,
        pk,
        rollen=COACH_ROLLEN,
        form_factory=factory,
        opslaan=opslaan,
        template="trajecten/traject_einde.html",
        object_type="traject",
        melding="Het traject is beëindigd.",
        extra={"traject": traject},
    )


@login_required
@require_http_methods(["GET", "POST"])
def plaatsing_nieuw(request, pk):
    def opslaan(client, data):
        services.plaatsing_registreer(actor=request.user, client=client, **data)

    return klantreis_formulier(
        request,
        pk,
        rollen=(Rol.WERKCOACH,),
        form_factory=PlaatsingForm,
        opslaan=opslaan,
        template="trajecten/plaatsing.html",
        object_type="plaatsing",
        melding="De plaatsing is vastgelegd; de nazorgmomenten staan op uw werkvoorraad.",
    )


@login_required
@require_http_methods(["GET", "POST"])
def plek_nieuw(request, pk):
    def opslaan(client, data):
        services.plek_plaats(actor=request.user, client=client, **data)

    return klantreis_formulier(
        request,
        pk,
        rollen=(Rol.PARTICIPATIEMAKELAAR,),
        form_factory=PlekForm,
        opslaan=opslaan,
        template="trajecten/plek.html",
        object_type="participatieplek",
        melding="De klant is geplaatst op de participatieplek.",
    )


@login_required
def dashboard(request):
    if not request.user.heeft_rol(*COACH_ROLLEN):
        raise PermissionDenied
    return render(
        request, "trajecten/dashboard.html", selectors.werkcoach_dashboard(user=request.user)
    )


@login_required
def vacatures(request):
    if not request.user.heeft_rol(Rol.WERKCOACH):
        raise PermissionDenied
    qs = (
        Vacature.objects.filter(open=True)
        .select_related("werkgever", "sector")
        .order_by("-geplaatst_op", "pk")
    )
    page = Paginator(qs, 50).get_page(request.GET.get("pagina"))
    return render(request, "trajecten/vacatures.html", {"page": page})


@login_required
def vacature(request, vacature_pk):
    if not request.user.heeft_rol(Rol.WERKCOACH):
        raise PermissionDenied
    v = get_object_or_404(Vacature.objects.select_related("werkgever", "sector"), pk=vacature_pk)
    return render(
        request,
        "trajecten/vacature.html",
        {
            "vacature": v,
            "kandidaten": selectors.kandidaten_voor(vacature=v, user=request.user),
            "waarschuwing": services.verdringingscheck(
                werkgever=v.werkgever, peildatum=v.geplaatst_op
            ),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def werkgevers(request):
    """The employer register (werkgeversdienstverlening): list and add."""
    from django.contrib import messages
    from django.shortcuts import redirect

    from .forms import WerkgeverForm
    from .models import Werkgever

    if not request.user.heeft_rol(Rol.WERKCOACH):
        raise PermissionDenied
    form = WerkgeverForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        Werkgever.objects.create(accountmanager=request.user, **form.cleaned_data)
        messages.success(request, "De werkgever is toegevoegd; u bent accountmanager.")
        return redirect("trajecten:werkgevers")
    lijst = Werkgever.objects.select_related("sector", "accountmanager").order_by("naam")[:300]
    return render(request, "trajecten/werkgevers.html", {"form": form, "werkgevers": lijst})


@login_required
@require_http_methods(["GET", "POST"])
def themabijeenkomsten(request):
    """Branche- (Matchen, Groeien) and wijkgerichte (Faciliteren, Zorgen) meetings: plan,
    invite by group plus sector or wijk, record attendance."""
    import datetime

    from django.contrib import messages
    from django.db.models import Count, Q
    from django.shortcuts import redirect
    from django.utils import timezone

    from .forms import ThemabijeenkomstForm
    from .models import Themabijeenkomst, ThemaUitnodiging

    if not request.user.heeft_rol(*COACH_ROLLEN, Rol.TRAINER):
        raise PermissionDenied
    form = (
        ThemabijeenkomstForm(request.POST or None)
        if "plannen" in request.POST or (request.method == "GET")
        else ThemabijeenkomstForm()
    )
    if request.method == "POST" and "plannen" in request.POST and form.is_valid():
        d = form.cleaned_data
        bijeenkomst = Themabijeenkomst.objects.create(
            type=d["type"],
            onderwerp=d["onderwerp"],
            plaats=d["plaats"],
            sector=d["sector"],
            wijk=d["wijk"] or "",
            datum=timezone.make_aware(datetime.datetime.combine(d["datum"], d["tijd"])),
        )
        bijeenkomst.klantgroepen.set(d["klantgroepen"])
        aantal = services.thema_nodig_uit(bijeenkomst=bijeenkomst)
        messages.success(request, f"De bijeenkomst is gepland; {aantal} klanten zijn uitgenodigd.")
        return redirect("trajecten:themabijeenkomsten")
    if request.method == "POST" and "aanwezig" in request.POST:
        uitnodiging = get_object_or_404(ThemaUitnodiging, pk=request.POST.get("uitnodiging") or 0)
        uitnodiging.aanwezig = request.POST["aanwezig"] == "ja"
        uitnodiging.save(update_fields=["aanwezig"])
        messages.success(request, "Aanwezigheid vastgelegd.")
        return redirect("trajecten:themabijeenkomsten")
    bijeenkomsten = (
        Themabijeenkomst.objects.select_related("sector")
        .annotate(
            uitgenodigd=Count("uitnodigingen"),
            aanwezig=Count("uitnodigingen", filter=Q(uitnodigingen__aanwezig=True)),
        )
        .order_by("-datum")[:50]
    )
    return render(
        request, "trajecten/themabijeenkomsten.html", {"form": form, "bijeenkomsten": bijeenkomsten}
    )


@login_required
@require_http_methods(["POST"])
def plek_beeindig(request, pk, plaatsing_pk):
    from django.contrib import messages
    from django.shortcuts import redirect
    from django.utils import timezone

    from clients.access import client_open_or_404
    from deventer_werk.audit.constants import Actie

    from .models import PlekPlaatsing

    if not request.user.heeft_rol(Rol.PARTICIPATIEMAKELAAR):
        raise PermissionDenied
    client = client_open_or_404(request, pk, actie=Actie.GEWIJZIGD, object_type="participatieplek")
    plaatsing = get_object_or_404(PlekPlaatsing, pk=plaatsing_pk, client=client, einde__isnull=True)
    services.plek_beeindig(
        actor=request.user, plaatsing=plaatsing, einde=max(timezone.localdate(), plaatsing.start)
    )
    messages.success(request, "De plaatsing op de participatieplek is beëindigd.")
    return redirect("clients:dossier", pk=client.pk)
