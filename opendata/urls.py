"""Fixed public addresses: harvesters and bookmarks depend on them, so they are not pages."""

from django.urls import path, re_path

from opendata import views

urlpatterns = [
    path("documentos/", views.document_library, name="document_library"),
    path("documentos/vigencia-<int:year>.zip", views.document_year_zip, name="document_year_zip"),
    path("datos/", views.opendata_index, name="opendata_index"),
    re_path(
        r"^datos/indicadores\.(?P<extension>csv|xlsx|ods|json)$",
        views.indicators_export,
        name="opendata_indicators",
    ),
    re_path(
        r"^datos/indicadores/(?P<key>[\w.-]+)\.(?P<extension>csv|json)$",
        views.indicator_export,
        name="opendata_indicator",
    ),
    path("datos/documentos.csv", views.documents_csv, name="opendata_documents_csv"),
    path("datos/catalogo", views.catalogue_negotiated, name="opendata_catalogue_negotiated"),
    re_path(
        r"^datos/catalogo\.(?P<extension>json|ttl|rdf)$",
        views.catalogue,
        name="opendata_catalogue",
    ),
    path("datos/datapackage.json", views.datapackage, name="opendata_datapackage"),
]
