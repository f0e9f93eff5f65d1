"""Templates ask the access policy by action: ``{% load toegang %}``,
``{% if request.user|mag:"trajecten.plaatsing" %}…{% endif %}``."""

from django import template

from deventer_werk.access import may

register = template.Library()


@register.filter
def mag(user, actie: str) -> bool:
    return may(user, actie)
