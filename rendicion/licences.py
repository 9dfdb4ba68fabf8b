"""The licences the entity may publish its open data under.

A short, fixed list: the ones datos.gov.co and the Colombian open-data guide accept for
public-sector data, each with the addresses harvesters match on. CKAN (datos.gov.co) matches
a licence by its Creative Commons address, so that is the licence's URI in the catalogue; the
European authority URI is given as an equivalent for DCAT-AP harvesters.
"""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

EU_LICENCE = "http://publications.europa.eu/resource/authority/licence/"
# ADMS licence types: what the licence asks of whoever reuses the data.
LICENCE_TYPE = "http://purl.org/adms/licencetype/"


@dataclass(frozen=True)
class Licence:
    spdx: str  # the SPDX identifier, which the Data Package names the licence by
    title: str
    url: str
    eu_code: str
    types: tuple

    @property
    def eu_uri(self):
        return EU_LICENCE + self.eu_code

    @property
    def type_uris(self):
        return [LICENCE_TYPE + name for name in self.types]


LICENCES = {
    licence.spdx: licence
    for licence in (
        Licence(
            "CC-BY-4.0",
            "Creative Commons Attribution 4.0 International",
            "https://creativecommons.org/licenses/by/4.0/",
            "CC_BY_4_0",
            ("Attribution",),
        ),
        Licence(
            "CC-BY-SA-4.0",
            "Creative Commons Attribution-ShareAlike 4.0 International",
            "https://creativecommons.org/licenses/by-sa/4.0/",
            "CC_BYSA_4_0",
            ("Attribution", "ShareAlike"),
        ),
        Licence(
            "CC0-1.0",
            "Creative Commons CC0 1.0 Universal",
            "https://creativecommons.org/publicdomain/zero/1.0/",
            "CC0",
            ("PublicDomain",),
        ),
    )
}
# What datos.gov.co recommends for public-sector data.
DEFAULT_LICENCE = "CC-BY-4.0"
LICENCE_CHOICES = [
    ("CC-BY-4.0", _("CC BY 4.0: anyone may reuse it, citing the entity")),
    ("CC-BY-SA-4.0", _("CC BY-SA 4.0: reuse citing the entity, under the same licence")),
    ("CC0-1.0", _("CC0 1.0: public domain, no conditions")),
]


def licence_of(portal_settings):
    return LICENCES.get(portal_settings.data_licence, LICENCES[DEFAULT_LICENCE])


# What each licence lets a reader do, in a sentence for the /datos/ page.
LICENCE_SUMMARIES = {
    "CC-BY-4.0": _(
        "You may copy, redistribute, adapt and use them for any purpose, even commercially, "
        "as long as you cite the entity as the source."
    ),
    "CC-BY-SA-4.0": _(
        "You may copy, redistribute, adapt and use them for any purpose, citing the entity as "
        "the source and sharing what you derive from them under the same licence."
    ),
    "CC0-1.0": _("They are in the public domain: you may use them without any condition."),
}
