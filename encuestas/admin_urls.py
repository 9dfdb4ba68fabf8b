from django.urls import path

from encuestas import views

app_name = "encuestas"
urlpatterns = [
    path("<int:page_id>/resultados/", views.SurveyResultsView.as_view(), name="results"),
    path("<int:page_id>/resultados/exportar/", views.export_results, name="export"),
    path(
        "respuestas/<int:submission_id>/grupo-de-interes/",
        views.convert_submission,
        name="convert",
    ),
]
