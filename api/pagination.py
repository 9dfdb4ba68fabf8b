"""Bounded limit/offset pagination in the shape of Wagtail's API v2 (``meta.total_count`` and
``items``), answering 400 to a limit or offset out of bounds instead of clamping it silently."""

from django.utils.translation import gettext as _
from rest_framework.exceptions import ValidationError
from rest_framework.pagination import LimitOffsetPagination
from rest_framework.response import Response

DEFAULT_LIMIT = 20
MAX_LIMIT = 100
# Deeper than any real listing, as in portal/api.py.
MAX_OFFSET = 100_000


def _bounded_integer(request, name, default, lowest, highest):
    raw = request.query_params.get(name)
    if raw is None or raw == "":
        return default
    if not raw.isdigit() or not lowest <= int(raw) <= highest:
        raise ValidationError(
            {
                "detail": _("%(name)s must be a whole number between %(lowest)s and %(highest)s.")
                % {"name": name, "lowest": lowest, "highest": highest}
            }
        )
    return int(raw)


class BoundedPagination(LimitOffsetPagination):
    default_limit = DEFAULT_LIMIT
    max_limit = MAX_LIMIT

    def get_limit(self, request):
        return _bounded_integer(request, self.limit_query_param, DEFAULT_LIMIT, 1, MAX_LIMIT)

    def get_offset(self, request):
        return _bounded_integer(request, self.offset_query_param, 0, 0, MAX_OFFSET)

    def get_paginated_response(self, data):
        return Response(
            {
                "meta": {"total_count": self.count, "limit": self.limit, "offset": self.offset},
                "items": data,
            }
        )

    def get_paginated_response_schema(self, schema):
        return {
            "type": "object",
            "required": ["meta", "items"],
            "properties": {
                "meta": {
                    "type": "object",
                    "properties": {
                        "total_count": {"type": "integer", "example": 123},
                        "limit": {"type": "integer", "example": DEFAULT_LIMIT},
                        "offset": {"type": "integer", "example": 0},
                    },
                },
                "items": schema,
            },
        }

    def get_schema_operation_parameters(self, view):
        return [
            {
                "name": self.limit_query_param,
                "required": False,
                "in": "query",
                "description": _("Rows per page, from 1 to %(max)s (%(default)s when absent).")
                % {"max": MAX_LIMIT, "default": DEFAULT_LIMIT},
                "schema": {"type": "integer", "minimum": 1, "maximum": MAX_LIMIT},
            },
            {
                "name": self.offset_query_param,
                "required": False,
                "in": "query",
                "description": _("Rows to skip, from 0 to %(max)s.") % {"max": MAX_OFFSET},
                "schema": {"type": "integer", "minimum": 0, "maximum": MAX_OFFSET},
            },
        ]
