from django.urls import path

from participa import views

urlpatterns = [
    path("participa/preguntar/<int:page_id>/", views.ask, name="participa_ask"),
]
