"""Shared shape of a klantreis form page: role check, need-to-know + audit, service call,
Dutch errors next to the fields, the user's input kept, then back to the dossier."""

from collections.abc import Callable

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render

from deventer_werk.audit.constants import Actie
from deventer_werk.forms import form_add_service_errors

from .access import client_open_or_404
from .models import Client


def klantreis_formulier(
    request,
    pk,
    *,
    rollen,
    form_factory: Callable,
    opslaan: Callable,
    template: str,
    object_type: str,
    melding: str,
    extra: dict | None = None,
):
    if not request.user.heeft_rol(*rollen):
        raise PermissionDenied
    client = client_open_or_404(request, pk, actie=Actie.GEWIJZIGD, object_type=object_type)
    form = form_factory(client, request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            opslaan(client, form.cleaned_data)
        except ValidationError as exc:
            form_add_service_errors(form, exc)
        else:
            messages.success(request, melding)
            if not Client.objects.visible_to(request.user).filter(pk=client.pk).exists():
                # e.g. a DWT intaker who placed a client in Faciliteren or Zorgen (IO regie)
                messages.info(
                    request,
                    f"{client.volledige_naam} valt nu onder de regie van Inkomensondersteuning; "
                    "het dossier is voor u niet meer zichtbaar.",
                )
                return redirect("home")
            return redirect("clients:dossier", pk=client.pk)
    return render(request, template, {"form": form, "client": client, **(extra or {})})
