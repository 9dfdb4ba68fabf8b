"""Fixed public addresses: harvesters and bookmarks depend on them, so they are not pages."""

from django.urls import path, re_path

from opendata import views

urlpatterns = [
    path("documentos/", views.document_library, name="document_library"),
    path(
        "documentos/<int:document_id>/descargar/",
        views.document_download,
        name="document_download",
    ),
    # Images' files while private (public ones are linked at /media/…): docs/private-media.md.
    path("imagenes/<int:image_id>/<path:name>", views.image_file, name="image_file"),
    path("documentos/vigencia-<int:year>.zip", views.document_year_zip, name="document_year_zip"),
    path("datos/", views.opendata_index, name="opendata_index"),
    re_path(
        r"^datos/indicadores\.(?P<extension>csv|xlsx|json)$",
        views.indicators_export,
        name="opendata_indicators",
    ),
    path("datos/documentos.csv", views.documents_csv, name="opendata_documents_csv"),
    path("datos/catalogo.json", views.catalogue, name="opendata_catalogue"),
]
