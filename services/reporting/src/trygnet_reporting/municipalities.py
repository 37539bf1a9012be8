"""The municipalities national tables name: code, name and country for each tenant.

A tenant id is usually the municipality's official code, but Danish kommunekoder and
Swedish kommunkoder overlap (0187 is Vallensbæk and Vaxholm), so a national table
names each municipality by code, name and country, never by a bare code. Tenants not
listed here (a test or a new kind of tenant) show their tenant id as the code and no
name or country.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

DANISH: Final[tuple[tuple[str, str], ...]] = (
    # Region Hovedstaden
    ("0101", "København"),
    ("0147", "Frederiksberg"),
    ("0151", "Ballerup"),
    ("0153", "Brøndby"),
    ("0155", "Dragør"),
    ("0157", "Gentofte"),
    ("0159", "Gladsaxe"),
    ("0161", "Glostrup"),
    ("0163", "Herlev"),
    ("0165", "Albertslund"),
    ("0167", "Hvidovre"),
    ("0169", "Høje-Taastrup"),
    ("0173", "Lyngby-Taarbæk"),
    ("0175", "Rødovre"),
    ("0183", "Ishøj"),
    ("0185", "Tårnby"),
    ("0187", "Vallensbæk"),
    ("0190", "Furesø"),
    ("0201", "Allerød"),
    ("0210", "Fredensborg"),
    ("0217", "Helsingør"),
    ("0219", "Hillerød"),
    ("0223", "Hørsholm"),
    ("0230", "Rudersdal"),
    ("0240", "Egedal"),
    ("0250", "Frederikssund"),
    ("0260", "Halsnæs"),
    ("0270", "Gribskov"),
    ("0400", "Bornholm"),
    # Region Sjælland
    ("0253", "Greve"),
    ("0259", "Køge"),
    ("0265", "Roskilde"),
    ("0269", "Solrød"),
    ("0306", "Odsherred"),
    ("0316", "Holbæk"),
    ("0320", "Faxe"),
    ("0326", "Kalundborg"),
    ("0329", "Ringsted"),
    ("0330", "Slagelse"),
    ("0336", "Stevns"),
    ("0340", "Sorø"),
    ("0350", "Lejre"),
    ("0360", "Lolland"),
    ("0370", "Næstved"),
    ("0376", "Guldborgsund"),
    ("0390", "Vordingborg"),
    # Region Syddanmark
    ("0410", "Middelfart"),
    ("0420", "Assens"),
    ("0430", "Faaborg-Midtfyn"),
    ("0440", "Kerteminde"),
    ("0450", "Nyborg"),
    ("0461", "Odense"),
    ("0479", "Svendborg"),
    ("0480", "Nordfyns"),
    ("0482", "Langeland"),
    ("0492", "Ærø"),
    ("0510", "Haderslev"),
    ("0530", "Billund"),
    ("0540", "Sønderborg"),
    ("0550", "Tønder"),
    ("0561", "Esbjerg"),
    ("0563", "Fanø"),
    ("0573", "Varde"),
    ("0575", "Vejen"),
    ("0580", "Aabenraa"),
    ("0607", "Fredericia"),
    ("0621", "Kolding"),
    ("0630", "Vejle"),
    # Region Midtjylland
    ("0615", "Horsens"),
    ("0657", "Herning"),
    ("0661", "Holstebro"),
    ("0665", "Lemvig"),
    ("0671", "Struer"),
    ("0706", "Syddjurs"),
    ("0707", "Norddjurs"),
    ("0710", "Favrskov"),
    ("0727", "Odder"),
    ("0730", "Randers"),
    ("0740", "Silkeborg"),
    ("0741", "Samsø"),
    ("0746", "Skanderborg"),
    ("0751", "Aarhus"),
    ("0756", "Ikast-Brande"),
    ("0760", "Ringkøbing-Skjern"),
    ("0766", "Hedensted"),
    ("0779", "Skive"),
    ("0791", "Viborg"),
    # Region Nordjylland
    ("0773", "Morsø"),
    ("0787", "Thisted"),
    ("0810", "Brønderslev"),
    ("0813", "Frederikshavn"),
    ("0820", "Vesthimmerlands"),
    ("0825", "Læsø"),
    ("0840", "Rebild"),
    ("0846", "Mariagerfjord"),
    ("0849", "Jammerbugt"),
    ("0851", "Aalborg"),
    ("0860", "Hjørring"),
)
"""Every Danish municipality, by region; the codes as Danmarks Statistik gives them."""

SWEDISH: Final[tuple[tuple[str, str], ...]] = (("0126", "Huddinge"),)
"""The Swedish municipalities taking part, by kommunkod (Statistiska centralbyrån)."""


@dataclass(frozen=True)
class Municipality:
    code: str
    name: str | None
    country: str | None
    """ISO 3166-1 alpha-2: DK or SE."""

    def to_json(self) -> dict[str, str | None]:
        return {"code": self.code, "name": self.name, "country": self.country}


_BY_TENANT: Final[dict[str, Municipality]] = {
    **{code: Municipality(code, name, "DK") for code, name in DANISH},
    **{code: Municipality(code, name, "SE") for code, name in SWEDISH},
}
"""Tenant id → municipality. A tenant id is the code unless two countries share it."""


def municipality(tenant: str) -> Municipality:
    """The municipality a tenant is (its id as the code if it is not listed)."""
    return _BY_TENANT.get(tenant) or Municipality(tenant, None, None)
