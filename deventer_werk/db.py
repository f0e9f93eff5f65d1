"""Small database helpers shared by the apps (no app imports)."""

from django.contrib.postgres.fields import DateRangeField
from django.db.models import Func


class DateRangeFunc(Func):
    """``daterange(van, tot)``: a half-open date period, for exclusion constraints."""

    function = "daterange"
    output_field = DateRangeField()
