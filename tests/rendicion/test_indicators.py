from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from rendicion.filters import IndicatorFilter
from rendicion.models import Indicator
from tests.factories import DepartmentFactory, IndicatorFactory

pytestmark = pytest.mark.django_db


def test_code_is_unique_when_present():
    IndicatorFactory(code="220100900")
    with pytest.raises(IntegrityError), transaction.atomic():
        IndicatorFactory(code="220100900")


def test_many_indicators_may_have_no_code():
    first = IndicatorFactory(code="", name="Número de Instituciones Educativas con mejoramiento")
    second = IndicatorFactory(code="", name="Tasa de deserción escolar")
    assert first.slug == "numero-de-instituciones-educativas-con-mejoramiento"
    assert second.url_key == "tasa-de-desercion-escolar"


def test_code_is_the_address_when_present():
    assert IndicatorFactory(code="220100700").url_key == "220100700"


def test_baseline_and_target_need_a_number_or_a_text():
    indicator = IndicatorFactory.build(
        department=DepartmentFactory(),
        baseline_value=None,
        baseline_text="",
        target_value=None,
        target_text="",
    )
    with pytest.raises(ValidationError) as error:
        indicator.full_clean()
    assert "baseline_value" in error.value.message_dict


def test_text_only_baseline_is_valid():
    indicator = IndicatorFactory.build(
        department=DepartmentFactory(),
        baseline_value=None,
        baseline_text="08 IE clasificación C",
        target_value=None,
        target_text="06 IEO con mejoramiento de clasificación de plantel",
        slug="saber-11",
    )
    indicator.full_clean()


class TestPublicFilters:
    @pytest.fixture
    def indicators(self):
        educacion = DepartmentFactory(name="Secretaría de Educación", slug="educacion")
        ambiente = DepartmentFactory(name="Secretaría de Ambiente", slug="ambiente")
        return {
            "docentes": IndicatorFactory(
                code="220100900", department=educacion, sdg_targets=["4.c"]
            ),
            "saber": IndicatorFactory(
                code="",
                name="Saber 11",
                department=educacion,
                kind=Indicator.Kind.RESULT,
                sdg_targets=["4.1", "4.2", "13.3"],
            ),
            "emisiones": IndicatorFactory(
                code="330000001",
                department=ambiente,
                sdg_targets=["13.2"],
                target_value=Decimal(50),
            ),
            "draft": IndicatorFactory(
                code="220199999", department=educacion, live=False, sdg_targets=["4.1"]
            ),
        }

    def filtered(self, **params):
        return set(IndicatorFilter(params, queryset=Indicator.objects.public()).qs)

    def test_by_sdg_goal_without_duplicates(self, indicators):
        qs = IndicatorFilter({"ods": "4"}, queryset=Indicator.objects.public()).qs
        assert sorted(i.pk for i in qs) == sorted(
            [indicators["docentes"].pk, indicators["saber"].pk]
        )

    def test_by_sdg_target(self, indicators):
        assert self.filtered(meta="13.3") == {indicators["saber"]}
        assert self.filtered(meta="13.2") == {indicators["emisiones"]}

    def test_by_department_and_kind_combined(self, indicators):
        assert self.filtered(dependencia="educacion", tipo="result") == {indicators["saber"]}

    def test_drafts_never_appear(self, indicators):
        assert indicators["draft"] not in self.filtered()
        assert indicators["draft"] not in self.filtered(meta="4.1")

    def test_unknown_values_are_reported_not_fatal(self, indicators):
        filterset = IndicatorFilter({"ods": "99", "tipo": "x"}, queryset=Indicator.objects.public())
        assert not filterset.is_valid()
        assert set(filterset.errors) == {"ods", "tipo"}
