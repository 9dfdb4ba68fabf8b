"""The endpoints: read-only DRF viewsets, one per kind of accountability data.

Each list is one fixed set of queries whatever its length (a count, the page of rows, one
query per prefetched relation), ordered on a unique key so that pages never overlap. Each
answer carries an ETag and answers 304 to ``If-None-Match`` while it says the same."""

from django.db.models import Exists, OuterRef, Prefetch
from django.http import Http404
from django.utils.cache import get_conditional_response, set_response_etag
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import viewsets
from rest_framework.exceptions import NotFound
from wagtail.models import Page

from api import filters, serializers
from api.pagination import BoundedPagination
from rendicion.filters import IndicatorFilter
from rendicion.models import (
    AccountabilityCycleIndexPage,
    Commitment,
    CycleActivity,
    ImprovementAction,
    Indicator,
    SdgGoal,
    SdgTarget,
)
from rendicion.visibility import public_pages, shown_commitments

NOT_PUBLIC_404 = _("Answers 404 when there is none, or it is not public.")


class ConditionalGetMixin:
    # ETag (a hash of the body, as Django's ConditionalGetMiddleware makes it) and 304.

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        if request.method in ("GET", "HEAD") and response.status_code == 200:
            response.render()
            set_response_etag(response)
            return get_conditional_response(request, etag=response["ETag"], response=response)
        return response


class AccountabilityViewSet(ConditionalGetMixin, viewsets.ReadOnlyModelViewSet):
    # ``queryset`` is only the model, for the OpenAPI description; the rows come from
    # ``public_queryset()``, which asks the visibility rule on each request.
    pagination_class = BoundedPagination
    filter_backends = [filters.StrictFilterBackend]
    authentication_classes = []  # public data: no session, no CSRF, nothing personal
    permission_classes = []

    def get_object(self):
        try:
            return super().get_object()
        except Http404 as exc:
            # Django's message names the model in English ("No SdgGoal matches…").
            raise NotFound() from exc

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):  # describing the API, not serving it
            return self.queryset
        return self.public_queryset()


@extend_schema_view(
    list=extend_schema(
        summary=_("Approved indicators"),
        description=_(
            "With their measurements, progress (percent and status), department and SDG targets."
        ),
    ),
    retrieve=extend_schema(summary=_("One approved indicator"), description=NOT_PUBLIC_404),
)
class IndicatorViewSet(AccountabilityViewSet):
    queryset = Indicator.objects.none()
    serializer_class = serializers.IndicatorSerializer
    filterset_class = IndicatorFilter

    def public_queryset(self):
        # Approved rows only: a change waiting for approval lives in a revision.
        return Indicator.objects.public()


@extend_schema_view(
    list=extend_schema(
        summary=_("Sustainable Development Goals"),
        description=_(
            "The 17 goals with their targets and how many approved indicators contribute to each."
        ),
    ),
    retrieve=extend_schema(summary=_("One goal, by its number"), description=NOT_PUBLIC_404),
)
class SdgGoalViewSet(AccountabilityViewSet):
    queryset = SdgGoal.objects.none()
    serializer_class = serializers.SdgGoalSerializer
    lookup_field = "number"
    lookup_url_kwarg = "numero"
    lookup_value_regex = r"\d+"

    def public_queryset(self):
        return (
            SdgGoal.objects.with_public_indicator_counts()
            .prefetch_related(
                Prefetch(
                    "targets",
                    queryset=SdgTarget.objects.with_public_indicator_counts().order_by(
                        "position", "pk"
                    ),
                )
            )
            .order_by("number")
        )


@extend_schema_view(
    list=extend_schema(
        summary=_("SDG targets"),
        description=_("Each target with how many approved indicators contribute to it."),
    ),
    retrieve=extend_schema(
        summary=_("One target, by its code (4.1, 4.a)"), description=NOT_PUBLIC_404
    ),
)
class SdgTargetViewSet(AccountabilityViewSet):
    queryset = SdgTarget.objects.none()
    serializer_class = serializers.SdgTargetSerializer
    filterset_class = filters.SdgTargetFilter
    lookup_field = "code"
    lookup_url_kwarg = "codigo"
    lookup_value_regex = r"\d+\.\w+"

    def public_queryset(self):
        return (
            SdgTarget.objects.with_public_indicator_counts()
            .select_related("goal")
            .order_by("position", "pk")
        )


@extend_schema_view(
    list=extend_schema(
        summary=_("Commitments"),
        description=_(
            "Approved commitments whose origin page (an encounter or a hearing) is public."
        ),
    ),
    retrieve=extend_schema(summary=_("One commitment"), description=NOT_PUBLIC_404),
)
class CommitmentViewSet(AccountabilityViewSet):
    queryset = Commitment.objects.none()
    serializer_class = serializers.CommitmentSerializer
    filterset_class = filters.CommitmentFilter

    def public_queryset(self):
        return (
            shown_commitments()
            .with_cycle_year()
            .select_related("department", "origin_page", "evidence_document")
            .order_by("due_date", "pk")
        )


@extend_schema_view(
    list=extend_schema(
        summary=_("Improvement actions"),
        description=_("The actions of the published improvement plans."),
    ),
    retrieve=extend_schema(summary=_("One improvement action"), description=NOT_PUBLIC_404),
)
class ImprovementActionViewSet(AccountabilityViewSet):
    queryset = ImprovementAction.objects.none()
    serializer_class = serializers.ImprovementActionSerializer
    filterset_class = filters.ImprovementActionFilter

    def public_queryset(self):
        return (
            ImprovementAction.objects.public()
            .select_related("department", "plan")
            .order_by("plan__path", "sort_order", "pk")
        )


@extend_schema_view(
    list=extend_schema(
        summary=_("Accountability cycles"),
        description=_("The published accountability cycles, with their schedule."),
    ),
    retrieve=extend_schema(summary=_("One cycle, by its year"), description=NOT_PUBLIC_404),
)
class CycleViewSet(AccountabilityViewSet):
    queryset = AccountabilityCycleIndexPage.objects.none()
    serializer_class = serializers.CycleSerializer
    filterset_class = filters.CycleFilter
    lookup_field = "year"
    lookup_url_kwarg = "vigencia"
    lookup_value_regex = r"\d{4}"

    def public_queryset(self):
        linked_public = public_pages(Page.objects.filter(pk=OuterRef("linked_page_id")))
        activities = (
            CycleActivity.objects.select_related("linked_page")
            .annotate(linked_page_is_public=Exists(linked_public))
            .order_by("start_date", "sort_order", "pk")
        )
        return (
            public_pages(AccountabilityCycleIndexPage.objects.all())
            .prefetch_related(Prefetch("activities", queryset=activities))
            .order_by("-year")
        )
