"""Consent to the processing of personal data (Ley 1581 de 2012): which policy a citizen accepts.

One function answers, so the form's link, the stored record and the e-mails agree: the public
data-treatment policy page in force (govco.PolicyPage, its address and version). An entity that
keeps its policy on its main site instead, with no such page here, names it in the settings
PARTICIPATION_DATA_POLICY_URL and PARTICIPATION_DATA_POLICY_VERSION.
"""

from dataclasses import dataclass

from django.conf import settings


@dataclass(frozen=True)
class DataPolicy:
    url: str
    version: str


def current_policy():
    """The data-treatment policy in force: its public URL and its version."""
    from govco.models import PolicyPage

    page = PolicyPage.objects.data_treatment_policy()
    if page is not None:
        return DataPolicy(url=page.get_url(), version=page.version)
    return DataPolicy(
        url=settings.PARTICIPATION_DATA_POLICY_URL,
        version=settings.PARTICIPATION_DATA_POLICY_VERSION,
    )
