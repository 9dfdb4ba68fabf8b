"""The shared defences of the public forms: honeypot and rate limits."""

from django import forms
from django.test import RequestFactory

from participa.protection import HONEYPOT_FIELD, ProtectedForm, rate_limited


class QuestionForm(ProtectedForm):
    text = forms.CharField()


def test_the_honeypot_is_rendered_out_of_sight_and_out_of_the_tab_order():
    html = QuestionForm().as_div()
    assert f'name="{HONEYPOT_FIELD}"' in html
    assert 'aria-hidden="true"' in html and 'tabindex="-1"' in html


def test_a_filled_honeypot_marks_the_submission_as_spam():
    assert QuestionForm(data={"text": "Hola", HONEYPOT_FIELD: "http://spam"}).is_spam
    assert not QuestionForm(data={"text": "Hola", HONEYPOT_FIELD: ""}).is_spam


def _post(address):
    return RequestFactory().post("/", REMOTE_ADDR=address)


def test_the_limit_per_address_stops_the_submission_over_it(settings):
    settings.PARTICIPATION_RATE_PER_ADDRESS = "3/h"
    results = [rate_limited(_post("203.0.113.5"), "test") for _ in range(4)]
    assert results == [False, False, False, True]
    # Another address is not affected.
    assert not rate_limited(_post("203.0.113.6"), "test")


def test_the_limit_per_email_counts_across_addresses(settings):
    settings.PARTICIPATION_RATE_PER_EMAIL = "2/h"
    settings.PARTICIPATION_RATE_PER_ADDRESS = "100/h"
    results = [
        rate_limited(_post(f"203.0.113.{n}"), "test", email=" Ana@Example.org ") for n in range(3)
    ]
    assert results == [False, False, True]
    assert not rate_limited(_post("203.0.113.9"), "test", email="otra@example.org")
