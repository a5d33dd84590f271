"""The country codes an MRZ may carry: ISO 3166-1 alpha-3 as CLDR knows it, and ICAO's own."""

from __future__ import annotations

from permit_check.files.inspectors import mrz_countries


def test_every_iso_3166_alpha_3_code_cldr_knows_is_a_code() -> None:
    # CLDR (through Babel, a test dependency) maps each alpha-3 code to its region: the list has no typo or gap.
    from babel.core import get_global

    aliases = get_global("territory_aliases")
    # Regions Q* (but Qatar), X* and AA/ZZ are private-use, EU (QUU) is no country.
    private = {region for region in (regions[0] for regions in aliases.values()) if region[:1] in ("Q", "X")}
    iso = {code for code, regions in aliases.items()
           if len(code) == 3 and code.isalpha() and len(regions) == 1 and len(regions[0]) == 2
           and regions[0] not in (private - {"QA"}) | {"AA", "ZZ", "EU"}}
    assert len(iso) > 250
    assert iso <= mrz_countries.CODES, sorted(iso - mrz_countries.CODES)
    assert mrz_countries.ISO_3166_ALPHA_3 - {"ANT", "NTZ", "SCG", "YUG"} <= set(aliases)


def test_icao_codes_and_fillers() -> None:
    assert mrz_countries.is_code("D<<")  # Germany, as its zones write it
    assert mrz_countries.is_code("UTO") and mrz_countries.is_code("XXA") and mrz_countries.is_code("CAN")
    assert not mrz_countries.is_code("INO") and not mrz_countries.is_code("OHN") and not mrz_countries.is_code("<<<")
