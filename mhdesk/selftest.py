"""``mhdesk --self-test``: check an installation end to end, in a temporary folder.

Meant for IT departments, after installing the frozen program: every step calls the real
code of mhdesk (no shortcuts, no network), in the order a coordinator would:

1. the shipped resources (catalogue, icons, translations) are found;
2. a new encrypted store is created, closed and unlocked again;
3. a small CSV file is imported (read, checked, written all or nothing);
4. a chart is drawn offscreen (matplotlib, Agg) and saved as PNG, SVG and PDF;
5. disclosure control protects the figures for publication and its audit runs (scipy HiGHS);
6. the council report is written as PDF, charts included (fpdf2, Pillow);
7. a signed bundle is made for a fresh central-office key and verified as the office would;
8. the window's first dialog is rendered offscreen (Qt), when this build has the window;
9. everything is removed again.

Each step prints one line (``[ok]`` or ``[MISLUKT]`` with the reason). The exit status is 0
when every step passed, 1 otherwise. Nothing outside the temporary folder is touched, except
the log folder when an unexpected error has to be recorded for support.
"""

from __future__ import annotations

import os
import secrets
import shutil
import sys
import tempfile
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TextIO

from mhdesk.errors import MhdeskError

REGION = "RIEC_ZWB"
INDICATOR = "MH_SIGNALEN"
YEARS = (2021, 2022, 2023, 2024)


@dataclass
class Context:
    """What the steps share: the temporary folder and what earlier steps made."""

    folder: Path
    passphrase: str = field(default_factory=lambda: "zelftest-" + secrets.token_urlsafe(12))
    store: Any = None
    imported: int = 0
    notes: list[str] = field(default_factory=list)

    @property
    def store_path(self) -> Path:
        return self.folder / "zelftest.mhd"


class StepFailed(Exception):
    """A check inside a step did not hold; the message says which."""


def _require(condition: bool, message: str) -> None:
    if not condition:
        raise StepFailed(message)


# -- the steps -----------------------------------------------------------------------------------


def step_resources(ctx: Context) -> str:
    from mhdesk.catalogue import load_default
    from mhdesk.resources import resource_path, resource_root

    root = resource_root()
    _require(resource_path("catalogue", "catalogue.json").is_file(),
             f"catalogue.json ontbreekt in {root}")
    cat = load_default()
    _require(INDICATOR in cat.indicators and REGION in cat.org_units,
             f"de catalogus mist {INDICATOR} of {REGION}")
    icons = root / "icons"
    _require(any(icons.glob("mhdesk*")), f"geen programmapictogram in {icons}")
    qm = sorted(p.name for p in root.rglob("*.qm"))
    return f"catalogus versie {cat.version}, {len(cat.indicators)} indicatoren" + (
        f", vertalingen: {', '.join(qm)}" if qm else "")


def step_store(ctx: Context) -> str:
    from mhdesk.store import Store

    store = Store.create(ctx.store_path, ctx.passphrase, region=REGION, name="Zelftest",
                         coordinator="zelftest")
    store.close()
    head = ctx.store_path.read_bytes()[:16]
    _require(not head.startswith(b"SQLite format 3"), "de opslag is niet versleuteld")
    ctx.store = Store.open(ctx.store_path, ctx.passphrase)
    _require(ctx.store.region == REGION, "de heropende opslag hoort bij een andere regio")
    return f"versleuteld (SQLCipher), schema {ctx.store.schema_version}"


def _sample_rows(cat: Any) -> list[dict[str, str]]:
    """A small, valid file: the region's total and three municipalities, some counts small."""
    towns = [c for c in cat.descendants(REGION) if cat.org_units[c].level == "gemeente"][:3]
    _require(len(towns) == 3, f"de catalogus kent geen drie gemeenten in {REGION}")
    rows: list[dict[str, str]] = []
    for i, year in enumerate(YEARS):
        parts = [2 + i, 7 + i, 11 + 2 * i]
        rows.append({"indicator": INDICATOR, "org_unit": REGION, "period": str(year),
                     "value": str(sum(parts) + 40 + 3 * i)})
        for town, v in zip(towns, parts, strict=True):
            rows.append({"indicator": INDICATOR, "org_unit": town, "period": str(year), "value": str(v)})
    return rows


def step_import(ctx: Context) -> str:
    import csv

    from mhdesk.catalogue import CANONICAL_COLUMNS
    from mhdesk.importing import import_file

    rows = _sample_rows(ctx.store.catalogue)
    path = ctx.folder / "zelftest-cijfers.csv"
    with open(path, "w", encoding="utf-8", newline="") as fh:
        w = csv.DictWriter(fh, fieldnames=list(CANONICAL_COLUMNS), restval="")
        w.writeheader()
        w.writerows(rows)
    summary = import_file(ctx.store, path)
    _require(summary.added == len(rows),
             f"{summary.added} van {len(rows)} waarden toegevoegd ({summary.line()})")
    from mhdesk.store import values

    stored = values.fetch(ctx.store, indicators=[INDICATOR])
    _require(len(stored) == len(rows), f"{len(stored)} waarden in de opslag, {len(rows)} verwacht")
    ctx.imported = len(rows)
    return summary.line()


def step_chart(ctx: Context) -> str:
    from mhdesk.charts import Options, draw_from_store, save_figure

    drawn = draw_from_store(ctx.store, "trend", Options(indicator=INDICATOR))
    _require(not drawn.empty, "de grafiek bleef leeg")
    sizes = []
    for ext, magic in ((".png", b"\x89PNG"), (".svg", b"<?xml"), (".pdf", b"%PDF")):
        out = save_figure(drawn.figure, ctx.folder / f"zelftest-grafiek{ext}")
        data = out.read_bytes()
        _require(data.startswith(magic) and len(data) > 1000, f"{out.name} is geen geldig bestand")
        sizes.append(f"{ext[1:]} {len(data) // 1024} kB")
    return f"'{drawn.title}': {', '.join(sizes)}"


def step_disclosure(ctx: Context) -> str:
    from mhdesk.disclosure import Rules, protect
    from mhdesk.store import values

    df = values.frame(ctx.store)
    protected = protect(df, ctx.store.catalogue, Rules.from_store(ctx.store))
    audit = protected.audit
    _require(audit.passed, f"de audit slaagde niet: {audit.summary}")
    _require(audit.hidden_primary >= 1, "de kleine aantallen (onder k) werden niet verborgen")
    hidden_small = protected.frame[(protected.frame["suppression"] == "primary")]
    _require(hidden_small["value"].isna().all(), "een verborgen cel heeft nog een waarde")
    # The audit solves linear programmes (scipy HiGHS): the part of the build most easily broken.
    _require(audit.checked >= 1, "de audit berekende geen enkel interval (lineaire programmering)")
    return f"{audit.summary}; {audit.checked} interval(len) berekend met lineaire programmering"


def step_report(ctx: Context) -> str:
    from mhdesk.report import ReportOptions, write_report

    out = ctx.folder / "zelftest-rapport.pdf"
    result = write_report(ctx.store, out, ReportOptions(year=YEARS[-1]))
    data = out.read_bytes()
    _require(data.startswith(b"%PDF") and result.pages >= 1, "het rapport is geen geldige PDF")
    # Its charts are embedded as images (fpdf2 through Pillow): the part a build most easily breaks.
    _require(data.count(b"/Subtype /Image") >= 1, "het rapport bevat geen grafieken")
    return f"{result.pages} pagina's, {len(data) // 1024} kB"


def step_bundle(ctx: Context) -> str:
    from mhdesk.bundles.bundle import (
        export_bundle,
        make_identity,
        store_public_key,
        verify_standalone,
    )

    identity = make_identity(ctx.folder / "centraal.key")
    out = ctx.folder / "zelftest.mhb"
    result = export_bundle(ctx.store, out, identity.recipient)
    raw = out.read_bytes()
    _require(b"MH_SIGNALEN" not in raw, "de bundel is niet versleuteld")
    opened = verify_standalone(raw, identity, store_public_key(ctx.store), out.name)
    _require(opened.bundle_id == result.bundle_id, "de gecontroleerde bundel is een andere dan gemaakt")
    _require(result.values == ctx.imported,
             f"de bundel bevat {result.values} waarden, {ctx.imported} verwacht")
    return f"{result.values} waarden, ondertekend (sleutel {result.key_id}) en versleuteld; controle geslaagd"


def step_window(ctx: Context) -> str:
    import importlib.util
    import subprocess

    if importlib.util.find_spec("PySide6") is None:  # looked up, not imported: the core stays Qt-free
        return "overgeslagen: deze installatie heeft geen venster (alleen de opdrachtregel)"

    out = ctx.folder / "zelftest-venster.png"
    env = {k: v for k, v in os.environ.items() if k != "MHDESK_PASSPHRASE"}
    env["QT_QPA_PLATFORM"] = "offscreen"
    # A separate process: the window's Qt must not share this process with the steps above,
    # and this is exactly how a user starts it.
    cmd = [*_own_command(), "gui", "--screenshot", str(out), "--view", "unlock"]
    proc = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=120)
    _require(proc.returncode == 0,
             f"het venster start niet (status {proc.returncode}): {_last_line(proc.stderr)}")
    data = out.read_bytes() if out.exists() else b""
    _require(data.startswith(b"\x89PNG") and len(data) > 2000, "het venster tekende geen beeld")
    return f"ontgrendelscherm getekend ({len(data) // 1024} kB)"


def step_cleanup(ctx: Context) -> str:
    if ctx.store is not None:
        ctx.store.close()
        ctx.store = None
    shutil.rmtree(ctx.folder)
    _require(not ctx.folder.exists(), f"{ctx.folder} kon niet worden verwijderd")
    return f"{ctx.folder} verwijderd"


STEPS: list[tuple[str, Callable[[Context], str]]] = [
    ("bronbestanden", step_resources),
    ("versleutelde opslag maken en openen", step_store),
    ("klein bestand importeren", step_import),
    ("grafiek tekenen (offscreen)", step_chart),
    ("openbaarmaking: kleine aantallen verbergen en audit", step_disclosure),
    ("rapport voor de raad (PDF)", step_report),
    ("bundel maken en controleren", step_bundle),
    ("venster (offscreen)", step_window),
    ("alles opruimen", step_cleanup),
]


# -- running -------------------------------------------------------------------------------------


def _own_command() -> list[str]:
    """How to start this same mhdesk again: the frozen executable, or this Python with -m mhdesk."""
    if getattr(sys, "frozen", False):
        return [sys.executable]
    return [sys.executable, "-m", "mhdesk"]


def _last_line(text: str) -> str:
    lines = [ln for ln in text.strip().splitlines() if ln.strip()]
    return lines[-1] if lines else "(geen uitvoer)"


def _reason(exc: BaseException) -> str:
    if isinstance(exc, StepFailed | MhdeskError):
        return str(exc).replace("\n", " ")
    # Unexpected: name the exception and where it happened in mhdesk (code locations only).
    tb = traceback.extract_tb(exc.__traceback__)
    where = next((f"{Path(f.filename).name}:{f.lineno}" for f in reversed(tb) if "mhdesk" in f.filename), "")
    text = f"{type(exc).__name__}: {exc}" + (f" (in {where})" if where else "")
    # Libraries often wrap the real problem ("Unable to import required dependency numpy"):
    # name the innermost cause too, with the module it came from, which is what support needs.
    cause: BaseException | None = exc
    seen = 0
    while seen < 10 and cause is not None and (cause.__cause__ or cause.__context__) is not None:
        cause = cause.__cause__ or cause.__context__
        seen += 1
    if cause is not None and cause is not exc:
        inner = traceback.extract_tb(cause.__traceback__)
        place = f" (in {Path(inner[-1].filename).name}:{inner[-1].lineno})" if inner else ""
        text += f"; oorzaak: {type(cause).__name__}: {cause}{place}"
    return text


def run_self_test(out: TextIO | None = None, steps: list[tuple[str, Callable[[Context], str]]] | None = None) -> int:
    """Run every step; print one line per step. 0 when all passed, 1 otherwise."""
    from mhdesk import __version__

    out = out or sys.stdout
    steps = STEPS if steps is None else steps
    os.environ.setdefault("MPLBACKEND", "Agg")
    frozen = " (geïnstalleerd programma)" if getattr(sys, "frozen", False) else ""
    out.write(f"mhdesk {__version__} zelftest{frozen}\n")
    folder = Path(tempfile.mkdtemp(prefix="mhdesk-zelftest-"))
    ctx = Context(folder)
    failed: list[str] = []
    t_all = time.perf_counter()
    for n, (name, fn) in enumerate(steps, start=1):
        if failed and fn is not step_cleanup:
            out.write(f"[--] {n}. {name}: niet uitgevoerd na de fout hierboven\n")
            continue
        t0 = time.perf_counter()
        try:
            detail = fn(ctx)
        except BaseException as exc:  # every failure is reported by name; the test goes on to clean up
            if isinstance(exc, KeyboardInterrupt):
                raise
            failed.append(name)
            out.write(f"[MISLUKT] {n}. {name}: {_reason(exc)}\n")
        else:
            out.write(f"[ok] {n}. {name} ({time.perf_counter() - t0:.1f} s): {detail}\n")
        out.flush()
    if folder.exists():  # a failed step may have left things behind
        if ctx.store is not None:
            ctx.store.close()
        shutil.rmtree(folder, ignore_errors=True)
    if failed:
        out.write(f"zelftest MISLUKT: {', '.join(failed)}. Geef deze uitvoer aan uw IT-afdeling of "
                  "aan de beheerder van mhdesk.\n")
        return 1
    out.write(f"zelftest geslaagd in {time.perf_counter() - t_all:.1f} s: deze installatie werkt.\n")
    return 0
