from django.urls import include, path
from drf_spectacular.views import SpectacularJSONAPIView
from rest_framework.routers import SimpleRouter

from api import views

router = SimpleRouter()
router.register("indicadores", views.IndicatorViewSet, basename="indicator")
router.register("ods", views.SdgGoalViewSet, basename="sdg-goal")
router.register("metas-ods", views.SdgTargetViewSet, basename="sdg-target")
router.register("compromisos", views.CommitmentViewSet, basename="commitment")
router.register("acciones-de-mejora", views.ImprovementActionViewSet, basename="action")
router.register("vigencias", views.CycleViewSet, basename="cycle")

app_name = "api"
urlpatterns = [
    path("datos/v1/", include(router.urls)),
    path(
        "openapi.json",
        SpectacularJSONAPIView.as_view(authentication_classes=[], permission_classes=[]),
        name="openapi",
    ),
]
