"""The public, read-only API of the accountability data (docs/api.md): indicators with their
measurements and progress, SDG goals and targets, commitments, improvement actions and
cycles, at /api/datos/v1/, described by OpenAPI at /api/openapi.json.

What is public is asked of ``rendicion.visibility`` (through the querysets of
``rendicion.models``), never decided here.
"""
