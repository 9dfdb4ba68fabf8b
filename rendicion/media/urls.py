"""Permanent addresses of single files: they survive file replacements, and check visibility."""

from django.urls import path

from rendicion.media import views

urlpatterns = [
    path(
        "documentos/<int:document_id>/descargar/",
        views.document_download,
        name="document_download",
    ),
    # Images' files while private (public ones are linked at /media/…): docs/private-media.md.
    path("imagenes/<int:image_id>/<path:name>", views.image_file, name="image_file"),
]
