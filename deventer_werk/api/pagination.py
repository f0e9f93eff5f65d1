from rest_framework import pagination


class CursorPagination(pagination.CursorPagination):
    """Pages of 50 by an opaque cursor (``next``/``previous``): no COUNT(*) over the whole
    list and no OFFSET, so a page costs the same at 200,000 clients as at 2,000. The order
    follows ``?ordering=`` (the view's ``ordering_fields``) or the view's ``ordering``."""

    page_size = 50
    cursor_query_param = "cursor"
    ordering = ("achternaam", "voornamen", "id")
