"""What the figures mean: indicators, dimensions and their codes, org units, periods.

The default catalogue ships in ``resources/catalogue``; a store keeps its own copy
(so an administrator can load a newer municipality list into it).
"""

from __future__ import annotations

import csv
import io
import json
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from typing import Any

from mhdesk.resources import resource_path

#: The dimension columns of the canonical CSV, in their fixed order.
DIMENSIONS: tuple[str, ...] = ("vorm", "geslacht", "leeftijd", "herkomst", "bron", "sector", "doelgroep")
#: The total over a dimension: an empty cell in the canonical form (``_T`` accepted on import).
TOTAL = ""
#: Columns of the canonical CSV.
CANONICAL_COLUMNS: tuple[str, ...] = ("indicator", "org_unit", "period", *DIMENSIONS, "value", "status", "note")
#: Value states: ordinary, provisional, estimated, not yet collected (and C: hidden, public exports only).
STATUSES = ("A", "P", "E", "M")

LEVELS = ("land", "riec", "vr", "gemeente")


def fold(text: str) -> str:
    """Case- and accent-insensitive key for matching names people type."""
    decomposed = unicodedata.normalize("NFKD", text.strip().casefold())
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(stripped.replace("’", "'").split())


@dataclass(frozen=True)
class Code:
    code: str
    label_nl: str
    label_en: str

    def label(self, lang: str = "nl") -> str:
        return self.label_en if lang == "en" else self.label_nl


@dataclass(frozen=True)
class Dimension:
    code: str
    label_nl: str
    label_en: str
    codes: tuple[Code, ...]

    def label(self, lang: str = "nl") -> str:
        return self.label_en if lang == "en" else self.label_nl

    @cached_property
    def code_set(self) -> frozenset[str]:
        return frozenset(c.code for c in self.codes)

    def code_label(self, code: str, lang: str = "nl") -> str:
        if code == TOTAL:
            return "Totaal" if lang != "en" else "Total"
        for c in self.codes:
            if c.code == code:
                return c.label(lang)
        return code


@dataclass(frozen=True)
class Indicator:
    code: str
    label_nl: str
    label_en: str
    unit: str  # "aantal" (count) or "euro"
    dimensions: tuple[str, ...]
    theme: str
    status: str  # "actief" or "in_ontwikkeling"
    basis_nl: str
    basis_en: str
    definition_nl: str
    definition_en: str
    footnote_nl: str | None = None
    footnote_en: str | None = None

    def label(self, lang: str = "nl") -> str:
        return self.label_en if lang == "en" else self.label_nl

    def basis(self, lang: str = "nl") -> str:
        return self.basis_en if lang == "en" else self.basis_nl

    def definition(self, lang: str = "nl") -> str:
        return self.definition_en if lang == "en" else self.definition_nl

    def footnote(self, lang: str = "nl") -> str | None:
        if lang == "en" and self.footnote_en:
            return self.footnote_en
        return self.footnote_nl

    @property
    def is_amount(self) -> bool:
        return self.unit == "euro"

    @property
    def active(self) -> bool:
        return self.status == "actief"


@dataclass(frozen=True)
class OrgUnit:
    code: str
    name: str
    level: str
    parent: str | None
    valid_from: date
    valid_to: date | None

    def valid_on(self, day: date) -> bool:
        return self.valid_from <= day and (self.valid_to is None or day <= self.valid_to)

    def overlaps(self, start: date, end: date) -> bool:
        return self.valid_from <= end and (self.valid_to is None or start <= self.valid_to)


@dataclass(frozen=True)
class Theme:
    code: str
    label_nl: str
    label_en: str

    def label(self, lang: str = "nl") -> str:
        return self.label_en if lang == "en" else self.label_nl


@dataclass
class Catalogue:
    version: int
    themes: dict[str, Theme]
    dimensions: dict[str, Dimension]
    indicators: dict[str, Indicator]
    org_units: dict[str, OrgUnit]
    _children: dict[str, list[str]] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        children: dict[str, list[str]] = {}
        for ou in self.org_units.values():
            if ou.parent:
                children.setdefault(ou.parent, []).append(ou.code)
        for kids in children.values():
            kids.sort()
        self._children = children

    # -- org units -------------------------------------------------------
    def children(self, code: str) -> list[str]:
        return list(self._children.get(code, []))

    def ancestors(self, code: str) -> list[str]:
        out: list[str] = []
        cur = self.org_units[code].parent
        while cur:
            out.append(cur)
            cur = self.org_units[cur].parent
        return out

    def is_within(self, code: str, region: str) -> bool:
        """True when ``code`` is ``region`` or lies below it (``NL`` holds everything)."""
        if region == "NL" or code == region:
            return code in self.org_units
        return code in self.org_units and region in self.ancestors(code)

    def descendants(self, code: str) -> list[str]:
        out: list[str] = []
        stack = [code]
        while stack:
            cur = stack.pop()
            for kid in self._children.get(cur, []):
                out.append(kid)
                stack.append(kid)
        return out

    def region_units(self, region: str) -> list[str]:
        return [region, *self.descendants(region)]

    @cached_property
    def _name_index(self) -> dict[str, list[str]]:
        idx: dict[str, list[str]] = {}
        for ou in self.org_units.values():
            idx.setdefault(fold(ou.name), []).append(ou.code)
        return idx

    def find_org_unit(self, text: str) -> list[str]:
        """Codes matching a CBS code or an official name (case and accents ignored)."""
        s = text.strip()
        if s.upper() in self.org_units:
            return [s.upper()]
        return list(self._name_index.get(fold(s), []))

    def org_unit_label(self, code: str) -> str:
        ou = self.org_units.get(code)
        return ou.name if ou else code

    # -- codes -------------------------------------------------------------
    @cached_property
    def _code_label_index(self) -> dict[str, dict[str, str]]:
        out: dict[str, dict[str, str]] = {}
        for dim in self.dimensions.values():
            idx: dict[str, str] = {}
            for c in dim.codes:
                idx[fold(c.code)] = c.code
                idx[fold(c.label_nl)] = c.code
                idx[fold(c.label_en)] = c.code
            out[dim.code] = idx
        return out

    def find_code(self, dimension: str, text: str) -> str | None:
        """A dimension code given as code or Dutch/English label; ``TOTAL`` for empty or ``_T``."""
        s = text.strip()
        if s == "" or s.upper() == "_T":
            return TOTAL
        return self._code_label_index.get(dimension, {}).get(fold(s))

    def active_indicators(self) -> list[Indicator]:
        return [i for i in self.indicators.values() if i.active]

    # -- (de)serialisation -------------------------------------------------------
    def to_json(self) -> str:
        return json.dumps(_catalogue_doc(self), ensure_ascii=False, sort_keys=True)

    def org_units_csv(self) -> str:
        buf = io.StringIO()
        w = csv.writer(buf, lineterminator="\n")
        w.writerow(["code", "name", "level", "parent", "valid_from", "valid_to"])
        for ou in self.org_units.values():
            w.writerow([ou.code, ou.name, ou.level, ou.parent or "", ou.valid_from.isoformat(),
                        ou.valid_to.isoformat() if ou.valid_to else ""])
        return buf.getvalue()


def _catalogue_doc(cat: Catalogue) -> dict[str, Any]:
    return {
        "catalogue_version": cat.version,
        "themes": [{"code": t.code, "label": {"nl": t.label_nl, "en": t.label_en}} for t in cat.themes.values()],
        "dimensions": [
            {"code": d.code, "label": {"nl": d.label_nl, "en": d.label_en},
             "codes": [{"code": c.code, "label": {"nl": c.label_nl, "en": c.label_en}} for c in d.codes]}
            for d in cat.dimensions.values()
        ],
        "indicators": [
            {"code": i.code, "label": {"nl": i.label_nl, "en": i.label_en}, "unit": i.unit,
             "dimensions": list(i.dimensions), "theme": i.theme, "status": i.status,
             "basis": {"nl": i.basis_nl, "en": i.basis_en},
             "definition": {"nl": i.definition_nl, "en": i.definition_en},
             "footnote": ({"nl": i.footnote_nl, "en": i.footnote_en or i.footnote_nl} if i.footnote_nl else None)}
            for i in cat.indicators.values()
        ],
    }


def parse_catalogue(doc: dict[str, Any], org_units: Iterable[OrgUnit]) -> Catalogue:
    themes = {t["code"]: Theme(t["code"], t["label"]["nl"], t["label"]["en"]) for t in doc["themes"]}
    dims = {
        d["code"]: Dimension(
            d["code"], d["label"]["nl"], d["label"]["en"],
            tuple(Code(c["code"], c["label"]["nl"], c["label"]["en"]) for c in d["codes"]),
        )
        for d in doc["dimensions"]
    }
    inds: dict[str, Indicator] = {}
    for i in doc["indicators"]:
        fn = i.get("footnote") or {}
        inds[i["code"]] = Indicator(
            code=i["code"], label_nl=i["label"]["nl"], label_en=i["label"]["en"], unit=i["unit"],
            dimensions=tuple(i["dimensions"]), theme=i["theme"], status=i["status"],
            basis_nl=i["basis"]["nl"], basis_en=i["basis"]["en"],
            definition_nl=i["definition"]["nl"], definition_en=i["definition"]["en"],
            footnote_nl=fn.get("nl"), footnote_en=fn.get("en"),
        )
    return Catalogue(int(doc["catalogue_version"]), themes, dims, inds, {o.code: o for o in org_units})


class OrgUnitListError(ValueError):
    pass


def parse_org_units_csv(text: str, source: str = "org_units.csv") -> list[OrgUnit]:
    """Read an org-unit list (``code,name,level,parent,valid_from,valid_to``); refuses inconsistencies."""
    reader = csv.DictReader(io.StringIO(text.lstrip("\ufeff")))
    need = {"code", "name", "level", "parent", "valid_from", "valid_to"}
    if not reader.fieldnames or not need <= set(reader.fieldnames):
        raise OrgUnitListError(f"{source}: row 1: the header must hold the columns {', '.join(sorted(need))}")
    out: list[OrgUnit] = []
    seen: set[str] = set()
    for n, row in enumerate(reader, start=2):
        code = (row["code"] or "").strip()
        if not code:
            raise OrgUnitListError(f"{source}: row {n}, column code: empty code")
        if code in seen:
            raise OrgUnitListError(f"{source}: row {n}, column code: {code} appears twice")
        seen.add(code)
        level = (row["level"] or "").strip()
        if level not in LEVELS:
            raise OrgUnitListError(f"{source}: row {n}, column level: '{level}' is not one of {', '.join(LEVELS)}")
        try:
            vf = date.fromisoformat((row["valid_from"] or "1900-01-01").strip())
            vt_text = (row["valid_to"] or "").strip()
            vt = date.fromisoformat(vt_text) if vt_text else None
        except ValueError as exc:
            raise OrgUnitListError(f"{source}: row {n}, column valid_from/valid_to: {exc}") from None
        out.append(OrgUnit(code, (row["name"] or "").strip(), level, (row["parent"] or "").strip() or None, vf, vt))
    codes = {o.code for o in out}
    for n, o in enumerate(out, start=2):
        if o.parent and o.parent not in codes:
            raise OrgUnitListError(f"{source}: row {n}, column parent: unknown parent '{o.parent}' of {o.code}")
        if o.level == "gemeente" and not (o.code.startswith("GM") and len(o.code) == 6 and o.code[2:].isdigit()):
            raise OrgUnitListError(f"{source}: row {n}, column code: '{o.code}' is not a CBS municipality code (GM + 4 digits)")
    return out


def load_default() -> Catalogue:
    """The catalogue that ships with mhdesk (version 1)."""
    doc = json.loads(resource_path("catalogue", "catalogue.json").read_text(encoding="utf-8"))
    text = resource_path("catalogue", "org_units.csv").read_text(encoding="utf-8")
    return parse_catalogue(doc, parse_org_units_csv(text, "org_units.csv"))
