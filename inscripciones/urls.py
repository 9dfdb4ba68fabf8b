from django.urls import path

from inscripciones import views

app_name = "inscripciones"

urlpatterns = [
    path("inscripciones/<int:page_id>/", views.register, name="register"),
    path("inscripciones/cancelar/<str:token>/", views.cancel, name="cancel"),
    path("calendario/evento/<int:page_id>.ics", views.event_ics, name="event_ics"),
    path("calendario/rendicion-de-cuentas-<int:year>.ics", views.cycle_ics, name="cycle_ics"),
]
