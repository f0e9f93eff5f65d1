from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods

from deventer_werk.audit.constants import Actie
from deventer_werk.audit.services import audit_record

from .forms import KlantgroepForm
from .models import Klantgroep


def _require_beheerder(request) -> None:
    if not request.user.is_beheerder:
        raise PermissionDenied


@login_required
def lijst(request):
    _require_beheerder(request)
    return render(request, "klantgroepen/lijst.html", {"klantgroepen": Klantgroep.objects.all()})


@login_required
@require_http_methods(["GET", "POST"])
def bewerken(request, code):
    """Policy configuration: future plans follow the change; history is never rewritten."""
    _require_beheerder(request)
    klantgroep = get_object_or_404(Klantgroep, code=code)
    form = KlantgroepForm(request.POST or None, instance=klantgroep)
    if request.method == "POST" and form.is_valid():
        form.save()
        audit_record(
            actor=request.user,
            actie=Actie.GEWIJZIGD,
            object_type="klantgroep-configuratie",
            request=request,
            details={"klantgroep": code, "velden": sorted(form.changed_data)},
        )
        messages.success(request, f"De instellingen van {klantgroep.naam} zijn opgeslagen.")
        return redirect("klantgroepen:lijst")
    return render(request, "klantgroepen/bewerken.html", {"form": form, "klantgroep": klantgroep})
