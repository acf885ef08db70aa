"""The default catalogue, version 1: every code of domain.md, a consistent org-unit tree."""

from __future__ import annotations

from collections import Counter
from datetime import date

import pytest

from mhdesk.catalogue import DIMENSIONS, load_default


@pytest.fixture(scope="module")
def cat():
    return load_default()


def test_indicators_and_dimensions(cat) -> None:
    assert cat.version == 1
    assert list(cat.indicators) == [
        "MH_SIGNALEN", "MH_SLACHTOFFERS", "MH_OPVANG", "MH_VERDACHTEN_AANGEHOUDEN", "MH_VERDACHTEN_OM",
        "MH_VERDACHTEN_VEROORDEELD", "MH_BESTUURLIJKE_CONTROLES", "MH_BESTUURLIJKE_MAATREGELEN",
        "MH_VOORLICHTINGEN", "MH_DEELNEMERS", "CU_SIGNALEN", "CU_MINDERJARIGEN", "FIU_TRANSACTIES", "FIU_BEDRAG"]
    assert tuple(cat.dimensions) == DIMENSIONS
    assert cat.indicators["MH_SLACHTOFFERS"].dimensions == ("vorm", "geslacht", "leeftijd", "herkomst", "bron")
    assert cat.indicators["FIU_BEDRAG"].unit == "euro" and cat.indicators["FIU_BEDRAG"].dimensions == ()
    assert cat.indicators["CU_SIGNALEN"].status == "in_ontwikkeling"
    assert len(cat.active_indicators()) == 10
    assert cat.dimensions["vorm"].code_set == {"SEKS", "ARBEID", "CRIMINEEL", "ORGAAN", "OVERIG", "_U"}
    assert cat.dimensions["bron"].code_set == {"POLITIE", "KMAR", "NLA", "ZORG", "GEMEENTE", "OM", "FAIRWORK", "OVERIG"}
    for ind in cat.indicators.values():
        assert ind.label_nl and ind.label_en and ind.definition_nl and ind.definition_en and ind.basis_nl
        assert set(ind.dimensions) <= set(DIMENSIONS)
    assert cat.indicators["MH_VERDACHTEN_VEROORDEELD"].basis() == "jaar van uitspraak"


def test_codes_unique(cat) -> None:
    for dim in cat.dimensions.values():
        codes = [c.code for c in dim.codes]
        assert len(codes) == len(set(codes)), dim.code
    assert len(cat.org_units) == len({o.code for o in cat.org_units.values()})


def test_org_unit_tree(cat) -> None:
    levels = Counter(o.level for o in cat.org_units.values())
    assert levels["land"] == 1 and levels["riec"] == 10 and levels["vr"] == 25
    current = [o for o in cat.org_units.values() if o.level == "gemeente" and o.valid_to is None]
    assert len(current) == 342
    for o in cat.org_units.values():
        if o.level == "gemeente":
            assert cat.org_units[o.parent].level == "vr", o.code  # exactly one veiligheidsregio
        elif o.level == "vr":
            assert cat.org_units[o.parent].level == "riec", o.code
        elif o.level == "riec":
            assert o.parent == "NL"
    assert all(cat.children(v) for v in cat.org_units if cat.org_units[v].level == "vr")
    assert cat.org_units["GM0363"].name == "Amsterdam" and cat.org_units["GM0363"].parent == "VR13"
    assert cat.org_units["GM0599"].name == "Rotterdam"
    assert cat.org_units["GM0518"].name == "'s-Gravenhage"
    assert cat.org_units["GM1900"].name == "Súdwest-Fryslân"
    assert sorted(cat.children("RIEC_ZWB")) == ["VR19", "VR20"]
    assert sorted(cat.children("RIEC_MN")) == ["VR09", "VR14", "VR25"]


def test_valid_dates_of_merged_municipalities(cat) -> None:
    ended = [o for o in cat.org_units.values() if o.valid_to is not None]
    assert ended, "municipalities dissolved since 2019 keep their unit"
    for o in ended:
        assert o.valid_to > o.valid_from
    on = lambda d: sum(1 for o in cat.org_units.values() if o.level == "gemeente" and o.valid_on(d))  # noqa: E731
    assert on(date(2019, 6, 1)) == 355
    assert on(date(2023, 6, 1)) == 342


def test_name_lookup(cat) -> None:
    assert cat.find_org_unit("amsterdam") == ["GM0363"]
    assert cat.find_org_unit("SUDWEST-FRYSLAN") == ["GM1900"]
    assert cat.find_org_unit("gm0599") == ["GM0599"]
    assert cat.find_org_unit("Atlantis") == []
    assert cat.find_code("vorm", "seksuele uitbuiting") == "SEKS"
    assert cat.find_code("vorm", "_T") == ""
    assert cat.find_code("geslacht", "Vrouw") == "V"
    assert cat.is_within("GM0855", "RIEC_ZWB") and not cat.is_within("GM0363", "RIEC_ZWB")
    assert cat.is_within("GM0363", "NL")
