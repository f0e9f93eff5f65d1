"""One class-based view for every klantreis form page.

The order of checks is fixed here, once: login, then need-to-know (a dossier outside the
user's view answers 404, whatever the role, so that a 403 never reveals that it exists), then
the action from the access policy (403), and only then are child objects loaded (always
scoped to the client), and last whether the page can succeed for the dossier's state (the
``belemmering`` registered with its dossier action: a GET goes back to the dossier with the
reason, a POST shows the form again with it, nothing saved). The service receives the
validated form data; its ``ValidationError`` lands next to the fields with the user's input
kept. Every GET of a form page writes one audit row (it shows client data), and every
refusal (404 or 403) is recorded.
"""

from typing import Any

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.views import View

from deventer_werk.access import Action, may
from deventer_werk.audit.constants import Actie, Resultaat
from deventer_werk.audit.services import audit_record
from deventer_werk.forms import form_add_service_errors

from .access import client_open_or_404
from .models import Client
from .registry import actie_belemmering


class KlantreisFormView(View):
    """Subclasses set the attributes and implement :meth:`opslaan` (one service call)."""

    actie: Action
    form_class: type
    template_name: str
    object_type: str
    melding: str
    http_method_names = ["get", "post"]

    client: Client
    # Why this page cannot succeed for the dossier's state now, "" when it can.
    belemmering: str = ""

    def dispatch(self, request, *args, **kwargs) -> HttpResponse:
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        # GEWIJZIGD: client_open_or_404 records only the refusal; a permitted page view is
        # recorded in ``get`` once the role check passed, so no row claims a view that was refused.
        self.client = self.open_client(request, kwargs["pk"])
        if not may(request.user, self.actie):
            audit_record(
                actor=request.user,
                actie=Actie.BEKEKEN if request.method == "GET" else Actie.GEWIJZIGD,
                client_id=self.client.pk,
                object_type=self.object_type,
                resultaat=Resultaat.GEWEIGERD,
                request=request,
            )
            raise PermissionDenied
        self.laad(**{k: v for k, v in kwargs.items() if k != "pk"})
        # No dead ends (issue 29): what the dossier does not offer for its state (a closed
        # dossier, a client not yet ingedeeld, ...) the page refuses with the same reason,
        # also when reached by a bookmark or the werkvoorraad (back to the dossier), or
        # from a form left open while the state changed (the form again, input kept).
        self.belemmering = actie_belemmering(
            request.resolver_match.view_name, client=self.client, user=request.user
        )
        if self.belemmering and request.method == "GET":
            messages.error(request, self.belemmering)
            return self.terug()
        return super().dispatch(request, *args, **kwargs)

    # --- hooks -------------------------------------------------------------------------
    def open_client(self, request, pk) -> Client:
        """The client within need-to-know, or 404 (the refusal audited)."""
        return client_open_or_404(request, pk, actie=Actie.GEWIJZIGD, object_type=self.object_type)

    def audit_details(self) -> dict[str, Any] | None:
        """Extra details of the audit row of a page view (e.g. the ground of the access)."""
        return None

    def laad(self, **kwargs) -> None:
        """Load child objects from the URL, scoped to ``self.client`` (404 when absent)."""

    def get_form_kwargs(self) -> dict[str, Any]:
        return {}

    def extra_context(self) -> dict[str, Any]:
        return {}

    def opslaan(self, data: dict[str, Any], form) -> Any:
        """Call the service with the validated ``data``; return what it returns."""
        raise NotImplementedError

    def succes(self, resultaat: Any) -> HttpResponse:
        messages.success(self.request, self.melding)
        if not self.dossier_zichtbaar():
            # e.g. a DWT intaker who placed a client in Faciliteren or Zorgen (IO regie)
            messages.info(
                self.request,
                f"{self.client.volledige_naam} valt nu onder de regie van Inkomensondersteuning; "
                "het dossier is voor u niet meer zichtbaar.",
            )
            return redirect("home")
        return redirect("clients:dossier", pk=self.client.pk)

    def dossier_zichtbaar(self) -> bool:
        return Client.objects.visible_to(self.request.user).filter(pk=self.client.pk).exists()

    def terug(self) -> HttpResponse:
        """Back to the dossier, or to the start page for a user who does not see it (the
        purpose-bound ambitiegesprek)."""
        if not self.dossier_zichtbaar():
            return redirect("home")
        return redirect("clients:dossier", pk=self.client.pk)

    # --- request handling --------------------------------------------------------------
    def get_form(self):
        data = self.request.POST or None
        return self.form_class(self.client, data, **self.get_form_kwargs())

    def render(self, form) -> HttpResponse:
        context = {"form": form, "client": self.client, **self.extra_context()}
        return render(self.request, self.template_name, context)

    def get(self, request, *args, **kwargs) -> HttpResponse:
        # A form page shows the client's data (``bewerken`` all of it): one audit row per view.
        audit_record(
            actor=request.user,
            actie=Actie.BEKEKEN,
            client_id=self.client.pk,
            object_type=self.object_type,
            request=request,
            details=self.audit_details(),
        )
        return self.render(self.get_form())

    def post(self, request, *args, **kwargs) -> HttpResponse:
        form = self.get_form()
        if self.belemmering:
            form.add_error(None, self.belemmering)
            return self.render(form)
        if form.is_valid():
            try:
                resultaat = self.opslaan(form.cleaned_data, form)
            except ValidationError as exc:
                form_add_service_errors(form, exc)
            else:
                return self.succes(resultaat)
        return self.render(form)
