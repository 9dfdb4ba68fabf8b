"""Fixed addresses: analysts' scripts and saved links depend on them (docs/record.md)."""

from django.urls import path

from registro import views

urlpatterns = [
    path("registro/", views.entry_list, name="record_list"),
    path("registro/entradas.json", views.entries_json, name="record_entries_json"),
    path("registro/cabeza.json", views.tree_head, name="record_tree_head"),
    path("registro/cabezas.json", views.tree_heads, name="record_tree_heads"),
    path("registro/inclusion.json", views.inclusion, name="record_inclusion"),
    path("registro/consistencia.json", views.consistency, name="record_consistency"),
    path("registro/clave-publica.pem", views.public_key, name="record_public_key"),
    path("registro/verificador.py", views.verifier, name="record_verifier"),
]
