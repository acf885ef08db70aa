"""Merging bundles: snapshots replace, revisions stay, gaps are reported, conflicts are kept aside."""

from __future__ import annotations

import io
import subprocess
import threading
import time
from pathlib import Path
from typing import Any

import pytest

from mhdesk.bundles.bundle import BundleRejected
from mhdesk.central import views
from mhdesk.central.db import init, open_db
from mhdesk.central.keys import enroll, revoke
from mhdesk.central.merge import merge_bytes, merge_file
from mhdesk.errors import MhdeskError
from mhdesk.store.values import CellKey, CellState, set_cell

E7 = ("",) * 7


def _csv(db: Any, tmp: Path, **kw: Any) -> str:
    out = tmp / f"export-{time.monotonic_ns()}.csv"
    views.export(db, out, **kw)
    return out.read_text(encoding="utf-8")


def test_central_export_of_one_region_is_the_coordinators_own_export(kit: Any, central: Any, tmp_path: Path) -> None:
    from mhdesk.demo import create_demo_store
    from mhdesk.exporting.canonical import export

    demo, _ = create_demo_store(tmp_path / "demo.mhd")
    kit.stores.append(demo)
    from mhdesk.bundles.bundle import export_bundle, store_public_key

    enroll(central, store_public_key(demo).to_file_text(), "RIEC_ZWB", name="Demo")
    export_bundle(demo, tmp_path / "demo.mhb", kit.identity.recipient)
    res = merge_file(central, tmp_path / "demo.mhb", kit.identity)
    assert res.accepted, res.line()
    export(demo, tmp_path / "coordinator.csv")
    views.export(central, tmp_path / "central.csv")
    assert (tmp_path / "central.csv").read_bytes() == (tmp_path / "coordinator.csv").read_bytes()
    assert res.values == (tmp_path / "central.csv").read_text().count("\n") - 1


def test_new_bundle_replaces_the_snapshot_and_old_figures_stay_exportable(kit: Any, central: Any,
                                                                          tmp_path: Path) -> None:
    r = kit.store("RIEC_ZWB")
    enroll(central, r.pub_text, "RIEC_ZWB")
    assert merge_bytes(central, kit.export(r).read_bytes(), kit.identity, "1.mhb").accepted
    between = views.parse_as_of(__import__("datetime").datetime.now(__import__("datetime").UTC).isoformat())
    time.sleep(0.01)
    set_cell(r.store, CellKey.make("MH_SIGNALEN", "RIEC_ZWB", "2023"), CellState(45, "A"))
    set_cell(r.store, CellKey.make("MH_SLACHTOFFERS", "RIEC_ZWB", "2023"), None)  # deleted
    res = merge_bytes(central, kit.export(r).read_bytes(), kit.identity, "2.mhb")
    assert res.accepted and res.seq == 2 and res.chain_ok and res.missing_before == 0 and not res.warnings
    now_text = _csv(central, tmp_path)
    then_text = _csv(central, tmp_path, as_of=between)
    assert "MH_SIGNALEN,RIEC_ZWB,2023,,,,,,,,45,," in now_text
    assert "MH_SLACHTOFFERS" not in now_text
    assert "MH_SIGNALEN,RIEC_ZWB,2023,,,,,,,,41,," in then_text
    assert "MH_SLACHTOFFERS,RIEC_ZWB,2023,,,,,,,,12,,toelichting" in then_text
    before_anything = _csv(central, tmp_path, as_of="2000-01-01")
    assert before_anything.count("\n") == 1  # only the header
    st = {s.key_id: s for s in views.status(central)}[r.key_id]
    assert (st.last_seq, st.values, st.bundles, st.missing, st.chain_breaks) == (2, 5, 2, 0, 0)


def test_gap_and_broken_chain_are_reported_but_do_not_block(kit: Any, central: Any) -> None:
    r = kit.store("RIEC_ZWB")
    enroll(central, r.pub_text, "RIEC_ZWB")
    b1, b2, b3 = (kit.export(r).read_bytes() for _ in range(3))
    assert merge_bytes(central, b1, kit.identity, "1.mhb").accepted
    res = merge_bytes(central, b3, kit.identity, "3.mhb")
    assert res.accepted and res.missing_before == 1 and not res.chain_ok
    assert any("GAP" in w for w in res.warnings) and any("chain" in w for w in res.warnings)
    with pytest.raises(BundleRejected):  # the missing one arrives late: older than the last accepted
        merge_bytes(central, b2, kit.identity, "2.mhb")
    st = {s.key_id: s for s in views.status(central)}[r.key_id]
    assert (st.last_seq, st.missing, st.chain_breaks) == (3, 1, 1)


def test_conflicts_are_kept_aside_and_listed(kit: Any, central: Any, tmp_path: Path) -> None:
    a = kit.store("RIEC_ZWB", name="A")
    b = kit.store("RIEC_ZWB", name="B", rows=[
        ("MH_SIGNALEN", "RIEC_ZWB", "2023", *E7, 44, "A", None),  # differs from A's 41
        ("MH_SLACHTOFFERS", "RIEC_ZWB", "2023", *E7, 12, "A", "andere toelichting"),  # same figure
        ("MH_OPVANG", "RIEC_ZWB", "2023", *E7, 2, "A", None),  # only B has it
    ])
    n = kit.store("RIEC_NN", name="N")
    enroll(central, a.pub_text, "RIEC_ZWB", name="A")
    enroll(central, b.pub_text, "RIEC_ZWB", name="B")
    enroll(central, n.pub_text, "RIEC_NN", name="N")
    assert merge_bytes(central, kit.export(a).read_bytes(), kit.identity, "a.mhb").conflicts == 0
    assert merge_bytes(central, kit.export(n).read_bytes(), kit.identity, "n.mhb").conflicts == 0
    res = merge_bytes(central, kit.export(b).read_bytes(), kit.identity, "b.mhb")
    assert res.accepted and res.conflicts == 1 and any("conflict" in w for w in res.warnings)
    cs = views.conflicts(central)
    assert len(cs) == 1
    assert cs[0].key == ("MH_SIGNALEN", "RIEC_ZWB", "2023", *E7)
    assert cs[0].states == {a.key_id: (41, "A"), b.key_id: (44, "A")}
    text = _csv(central, tmp_path)
    assert "MH_SIGNALEN,RIEC_ZWB,2023,,,,,,,,4" not in text  # neither 41 nor 44 is published
    assert text.count("MH_SLACHTOFFERS,RIEC_ZWB,2023,") == 1
    assert "MH_OPVANG,RIEC_ZWB,2023,,,,,,,,2,," in text
    assert "MH_SIGNALEN,RIEC_NN,2023,,,,,,,,41,," in text
    stat = {s.key_id: s.conflicts for s in views.status(central)}
    assert stat[a.key_id] == 1 and stat[b.key_id] == 1 and stat[n.key_id] == 0
    # A corrects its figure: the conflict is gone, and the agreed figure is exported once
    import datetime as dt

    while_in_conflict = views.parse_as_of(dt.datetime.now(dt.UTC).isoformat())
    time.sleep(0.01)
    set_cell(a.store, CellKey.make("MH_SIGNALEN", "RIEC_ZWB", "2023"), CellState(44, "A"))
    assert merge_bytes(central, kit.export(a).read_bytes(), kit.identity, "a2.mhb").conflicts == 0
    assert views.conflicts(central) == []
    then = views.conflicts(central, as_of=while_in_conflict)
    assert [c.states for c in then] == [{a.key_id: (41, "A"), b.key_id: (44, "A")}]
    assert _csv(central, tmp_path).count("MH_SIGNALEN,RIEC_ZWB,2023,,,,,,,,44,,") == 1


def test_public_export_hides_small_counts(kit: Any, central: Any, tmp_path: Path) -> None:
    from mhdesk.bundles.bundle import export_bundle, store_public_key
    from mhdesk.demo import create_demo_store

    demo, _ = create_demo_store(tmp_path / "demo.mhd")
    kit.stores.append(demo)
    enroll(central, store_public_key(demo).to_file_text(), "RIEC_ZWB")
    export_bundle(demo, tmp_path / "demo.mhb", kit.identity.recipient)
    assert merge_file(central, tmp_path / "demo.mhb", kit.identity).accepted
    exact = _csv(central, tmp_path)
    assert any(line.split(",")[10] in {"1", "2", "3", "4"} for line in exact.splitlines()[1:])
    res = views.export(central, tmp_path / "public.csv", public=True)
    import csv

    rows = list(csv.DictReader(io.StringIO((tmp_path / "public.csv").read_text())))
    assert len(rows) == res.rows == exact.count("\n") - 1
    counts = [r for r in rows if r["indicator"] != "FIU_BEDRAG"]
    assert not any(r["value"] in {"1", "2", "3", "4"} for r in counts)
    hidden = [r for r in rows if r["status"] == "C"]
    assert hidden and all(r["value"] == "" for r in hidden)
    views.export(central, tmp_path / "public.sdmx.csv", fmt="sdmx-csv", public=True)
    sdmx_text = (tmp_path / "public.sdmx.csv").read_text()
    assert sdmx_text.startswith("STRUCTURE,") and ",C," in sdmx_text


def test_revoked_key_keeps_its_earlier_figures(kit: Any, central: Any, tmp_path: Path) -> None:
    r = kit.store("RIEC_ZWB")
    enroll(central, r.pub_text, "RIEC_ZWB")
    assert merge_bytes(central, kit.export(r).read_bytes(), kit.identity, "1.mhb").accepted
    revoke(central, r.key_id)
    with pytest.raises(BundleRejected, match="revoked"):
        merge_bytes(central, kit.export(r).read_bytes(), kit.identity, "2.mhb")
    assert "MH_SIGNALEN,RIEC_ZWB,2023,,,,,,,,41,," in _csv(central, tmp_path)
    with pytest.raises(MhdeskError, match="already revoked"):
        revoke(central, r.key_id)
    with pytest.raises(MhdeskError, match="not enrolled"):
        revoke(central, "0123456789ABCDEF")
    with pytest.raises(MhdeskError, match="already known"):
        enroll(central, r.pub_text, "RIEC_ZWB")


def test_enroll_refusals(kit: Any, central: Any) -> None:
    r = kit.store("RIEC_ZWB")
    before = kit.snapshot(central)
    with pytest.raises(MhdeskError, match="unknown region"):
        enroll(central, r.pub_text, "RIEC_XX")
    with pytest.raises(MhdeskError, match="unknown region"):
        enroll(central, r.pub_text, "GM0855")
    with pytest.raises(MhdeskError, match="not a minisign public key"):
        enroll(central, "hello\nworld\n", "RIEC_ZWB")
    assert kit.snapshot(central) == before


def test_init_and_open_refusals(db_url: str, tmp_path: Path) -> None:
    db = init(db_url)
    db.close()
    with pytest.raises(MhdeskError, match="already"):
        init(db_url)
    with open_db(db_url) as db:
        assert db.meta()["format"] == "mhdesk-central"
    with pytest.raises(MhdeskError, match="no central database"):
        open_db(str(tmp_path / "missing.db"))
    (tmp_path / "other.db").write_bytes(b"")
    with pytest.raises(MhdeskError, match="not an mhdesk central database"):
        open_db(str(tmp_path / "other.db"))


def test_the_same_bundle_merged_twice_at_once_goes_in_once(kit: Any, db_url: str) -> None:
    r = kit.store("RIEC_ZWB")
    db = init(db_url)
    enroll(db, r.pub_text, "RIEC_ZWB")
    raw = kit.export(r).read_bytes()
    results: list[str] = []

    def worker() -> None:
        with open_db(db_url) as own:
            try:
                results.append("ok" if merge_bytes(own, raw, kit.identity, "x.mhb").accepted else "?")
            except BundleRejected as exc:
                results.append(exc.step)
            except MhdeskError as exc:  # SQLite may report itself busy; that too writes nothing
                results.append("busy:" + exc.message)

    threads = [threading.Thread(target=worker) for _ in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert results.count("ok") == 1, results
    assert all(x in ("ok", "replay") or x.startswith("busy") for x in results), results
    st = {s.key_id: s for s in views.status(db)}[r.key_id]
    assert st.bundles == 1 and st.values == 6
    db.close()


@pytest.mark.interop
def test_bundle_signed_with_the_minisign_binary_is_accepted(kit: Any, central: Any, tmp_path: Path) -> None:
    """A key made with `minisign -G` is enrolled; a manifest it signed with `minisign -S` is accepted."""
    import shutil

    from mhdesk.bundles.bundle import export_bundle
    from mhdesk.bundles.minisign import parse_public_key

    exe = shutil.which("minisign")
    if exe is None:
        pytest.fail("the minisign binary is not installed (apt-get install minisign)")
    work = tmp_path / "ms"
    work.mkdir()
    res = subprocess.run([exe, "-G", "-W", "-p", "k.pub", "-s", "k.key"], cwd=work, capture_output=True, timeout=60)
    assert res.returncode == 0, res.stderr
    pub_text = (work / "k.pub").read_text()
    key_id = parse_public_key(pub_text).key_id_hex
    r = kit.store("RIEC_ZWB", name="minisign")
    enroll(central, pub_text, "RIEC_ZWB", name="made by minisign -G")

    def sign(manifest: bytes, comment: str) -> bytes:
        (work / "manifest.json").write_bytes(manifest)
        done = subprocess.run([exe, "-S", "-s", "k.key", "-m", "manifest.json", "-t", comment], cwd=work,
                              capture_output=True, timeout=60)
        assert done.returncode == 0, done.stderr
        return (work / "manifest.json.minisig").read_bytes()

    export_bundle(r.store, tmp_path / "ms.mhb", kit.identity.recipient, sign=sign, signer_key_id=key_id)
    result = merge_file(central, tmp_path / "ms.mhb", kit.identity)
    assert result.accepted, result.line()
    assert result.key_id == key_id and result.values == 6
