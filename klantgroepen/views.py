from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods

from deventer_werk.access import require

from . import rules
from .configuratie import klantgroep_configureer
from .forms import KlantgroepForm
from .models import Klantgroep


@login_required
def lijst(request):
    require(request.user, rules.BEHEREN)
    return render(request, "klantgroepen/lijst.html", {"klantgroepen": Klantgroep.objects.all()})


@login_required
@require_http_methods(["GET", "POST"])
def bewerken(request, code):
    """Policy configuration: future plans follow the change; history is never rewritten."""
    require(request.user, rules.BEHEREN)
    klantgroep = get_object_or_404(Klantgroep, code=code)
    form = KlantgroepForm(request.POST or None, instance=klantgroep)
    if request.method == "POST" and form.is_valid():
        klantgroep_configureer(
            actor=request.user, klantgroep=klantgroep, data=form.cleaned_data, request=request
        )
        messages.success(request, f"De instellingen van {klantgroep.naam} zijn opgeslagen.")
        return redirect("klantgroepen:lijst")
    return render(request, "klantgroepen/bewerken.html", {"form": form, "klantgroep": klantgroep})
