from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render

from .accounts.constants import Rol


@login_required
def home(request):
    """Send everyone to the page where their work starts."""
    user = request.user
    if user.werkt_in_dossiers:
        return redirect("clients:mijn_klanten")
    if user.heeft_rol(Rol.BELEIDSMEDEWERKER):
        return redirect("monitoring:dashboard")
    if user.heeft_rol(Rol.BEHEERDER):
        return redirect("klantgroepen:lijst")
    return render(request, "home.html")
