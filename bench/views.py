from django.contrib.auth.decorators import login_required
from django.http import HttpResponse


@login_required
def floor(request):
    """The floor: an authenticated trivial request (session + user lookup, no page work)."""
    return HttpResponse("ok", content_type="text/plain")
