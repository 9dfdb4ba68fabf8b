"""The OpenAPI document (drf-spectacular) describes the accountability data API only."""

PREFIX = "/api/datos/"


def only_accountability_api(endpoints, **_kwargs):
    return [endpoint for endpoint in endpoints if endpoint[0].startswith(PREFIX)]
