"""Errors as JSON with field messages: a service's ValidationError is a 400, never a 500."""

from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.views import exception_handler

from clients.services import ConcurrentEditError


def api_exception_handler(exc, context):
    if isinstance(exc, ConcurrentEditError):
        return Response(
            {"detail": exc.messages[0], "code": "concurrent_edit"}, status=status.HTTP_409_CONFLICT
        )
    if isinstance(exc, DjangoValidationError):
        if hasattr(exc, "error_dict"):
            data = {
                field: [str(m) for m in errs[0].messages]
                if len(errs) == 1
                else [m for e in errs for m in e.messages]
                for field, errs in exc.error_dict.items()
            }
            if "__all__" in data:
                data["non_field_errors"] = data.pop("__all__")
        else:
            data = {"non_field_errors": exc.messages}
        exc = exceptions.ValidationError(data)
    elif isinstance(exc, Http404):
        exc = exceptions.NotFound("Niet gevonden.")
    elif isinstance(exc, PermissionDenied):
        exc = exceptions.PermissionDenied("U heeft geen toestemming voor deze actie.")
    if isinstance(exc, exceptions.PermissionDenied) and context.get("request") is not None:
        from deventer_werk.audit.services import weigering_vastleggen

        weigering_vastleggen(context["request"])
    return exception_handler(exc, context)
