from django.urls import path

from govco import views

urlpatterns = [
    path("transparencia/", views.transparency, name="govco_transparency"),
    path("participa/", views.participation, name="govco_participation"),
    path("mapa-del-sitio/", views.site_map, name="govco_site_map"),
    path("robots.txt", views.robots_txt, name="robots_txt"),
]
