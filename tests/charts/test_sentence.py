"""The progress calculation written out (templates/charts/progress_formula.html), from the
one rule in rendicion/progress.py, for each case."""

import re
from decimal import Decimal

import pytest
from django.template.loader import render_to_string
from django.utils import translation

from rendicion.progress import Direction, Formula, compute_progress

D = Decimal


def sentence(baseline, target, current, direction, qualitative=False):
    progress = compute_progress(baseline, target, current, direction)
    with translation.override("es-co"):
        html = render_to_string(
            "charts/progress_formula.html", {"progress": progress, "qualitative": qualitative}
        )
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html)).strip().replace(" %", "\u00a0%")


def test_an_increase_is_written_out_term_by_term():
    text = sentence(D(400), D(1050), D(800), Direction.INCREASE)
    assert "(800 − 400) ÷ (1.050 − 400) = 61,5" in text
    assert "del camino entre la línea base y la meta" in text
    assert "(última medición − línea base) ÷ (meta − línea base)" in text


def test_a_decrease_subtracts_the_other_way():
    text = sentence(D(20), D(10), D(15), Direction.DECREASE)
    assert "(20 − 15) ÷ (20 − 10) = 50" in text
    assert "debe bajar" in text


def test_beyond_the_target_and_behind_the_baseline_keep_their_numbers():
    assert "(1.200 − 400) ÷ (1.050 − 400) = 123,1" in sentence(
        D(400), D(1050), D(1200), Direction.INCREASE
    )
    assert "(300 − 400) ÷ (1.050 − 400) = -15,4" in sentence(
        D(400), D(1050), D(300), Direction.INCREASE
    )


def test_a_level_to_hold():
    held = sentence(D(27), D(27), D(30), Direction.MAINTAIN)
    assert "mantener el valor en 27 o más" in held and "30 ≥ 27" in held and "meta cumplida" in held
    short = sentence(D(27), D(27), D(24), Direction.MAINTAIN)
    assert "24 ÷ 27 = 88,9" in short
    lower = sentence(D(5), D(5), D(6), Direction.DECREASE)
    assert "5 o menos" in lower and "5 ÷ 6 = 83,3" in lower


def test_no_percentage_is_explained_in_words():
    text = sentence(None, D(10), D(3), Direction.INCREASE, qualitative=True)
    assert "se describe con palabras" in text
    assert "÷" not in text
    none_yet = sentence(D(0), D(10), None, Direction.INCREASE)
    assert "aún no tiene medición" in none_yet
    # A qualitative indicator without a measurement says why it will never have a percentage.
    assert "se describe con palabras" in sentence(
        None, None, None, Direction.INCREASE, qualitative=True
    )


@pytest.mark.parametrize(
    ("baseline", "target", "current", "direction"),
    [
        (D(400), D(1050), D(800), Direction.INCREASE),
        (D(20), D(10), D(15), Direction.DECREASE),
        (D(27), D(27), D(24), Direction.MAINTAIN),
        (D(5), D(5), D(6), Direction.DECREASE),
    ],
)
def test_the_formula_gives_the_percentage_it_shows(baseline, target, current, direction):
    progress = compute_progress(baseline, target, current, direction)
    formula = progress.formula
    if formula.kind == Formula.RATIO:
        value = (formula.a - formula.b) / (formula.c - formula.d) * 100
    else:
        value = formula.a / formula.c * 100
    assert round(value, 1) == progress.percent
