"""The Linux package and the desktop integration, built with the real dpkg-deb from a small folder.

The full build (PyInstaller, minutes) runs in ``.ci/installer-check``; here the packaging step
itself is checked on a stand-in frozen folder, so a broken control file, a missing icon or a
wrong file type fails in the ordinary test run.
"""

from __future__ import annotations

import configparser
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
LINUX = ROOT / "installer" / "linux"
sys.path.insert(0, str(LINUX))
import make_deb  # noqa: E402


@pytest.fixture
def frozen(tmp_path: Path) -> Path:
    """A stand-in for dist/mhdesk: an executable that records how it was called."""
    d = tmp_path / "dist" / "mhdesk"
    (d / "_internal").mkdir(parents=True)
    exe = d / "mhdesk"
    exe.write_text('#!/bin/sh\necho "called: $*"\n', encoding="ascii")
    exe.chmod(0o755)
    (d / "_internal" / "lib.so").write_bytes(b"\0" * 50_000)
    # A real extension module that needs a system library (libffi) the folder does not carry.
    import _ctypes

    shutil.copyfile(_ctypes.__file__, d / "_internal" / Path(_ctypes.__file__).name)
    return d


def test_deb_holds_program_command_menu_entry_icon_and_file_types(frozen: Path, tmp_path: Path,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DEB_COMPRESS", "gzip")
    deb = make_deb.build(frozen, "9.8.7", tmp_path / "out")
    assert deb.name.startswith("mhdesk_9.8.7_") and deb.suffix == ".deb"
    listing = subprocess.run(["dpkg-deb", "-c", str(deb)], capture_output=True, text=True, check=True).stdout
    for path in ("./opt/mhdesk/mhdesk", "./opt/mhdesk/mhdesk-open", "./opt/mhdesk/_internal/lib.so",
                 "./usr/bin/mhdesk", "./usr/share/applications/nl.monitormensenhandel.mhdesk.desktop",
                 "./usr/share/mime/packages/mhdesk.xml", "./usr/share/icons/hicolor/scalable/apps/mhdesk.svg",
                 "./usr/share/icons/hicolor/48x48/apps/mhdesk.png", "./usr/share/icons/hicolor/256x256/apps/mhdesk.png"):
        assert f" {path}\n" in listing + "\n" or f" {path} " in listing, f"{path} missing from the package"
    assert "root/root" in listing and "rwxr-xr-x root/root" in listing  # owned by root, executables executable
    field = lambda name: subprocess.run(["dpkg-deb", "-f", str(deb), name], capture_output=True, text=True,  # noqa: E731
                                        check=True).stdout.strip()
    assert field("Package") == "mhdesk"
    assert field("Version") == "9.8.7"
    assert int(field("Installed-Size")) >= 50  # KiB: the stand-in library alone is 49 KiB
    # Depends is read from the files: libffi for the extension module, libc at the newest version asked.
    depends = [d.strip() for d in field("Depends").split(",")]
    assert depends[0].startswith("libc6 (>= 2.")
    assert any(d.startswith("libffi") for d in depends), depends
    scripts = subprocess.run(["dpkg-deb", "-I", str(deb)], capture_output=True, text=True, check=True).stdout
    assert "postinst" in scripts and "postrm" in scripts


def test_desktop_entry_opens_stores_and_claims_both_file_types() -> None:
    entry = LINUX / "nl.monitormensenhandel.mhdesk.desktop"
    cp = configparser.ConfigParser(interpolation=None)
    cp.optionxform = str  # type: ignore[assignment,method-assign]
    cp.read(entry, encoding="utf-8")
    de = cp["Desktop Entry"]
    assert de["Type"] == "Application" and de["Icon"] == "mhdesk"
    assert de["Exec"] == "/opt/mhdesk/mhdesk-open %f"
    assert set(de["MimeType"].strip(";").split(";")) == {"application/x-mhdesk-store", "application/x-mhdesk-bundle"}
    if shutil.which("desktop-file-validate"):
        proc = subprocess.run(["desktop-file-validate", str(entry)], capture_output=True, text=True)
        assert proc.returncode == 0 and proc.stdout == "", proc.stdout


def test_mime_types_bind_the_extensions() -> None:
    ns = {"m": "http://www.freedesktop.org/standards/shared-mime-info"}
    root = ET.parse(LINUX / "mhdesk-mime.xml").getroot()
    globs = {t.get("type"): [g.get("pattern") for g in t.findall("m:glob", ns)] for t in root.findall("m:mime-type", ns)}
    assert globs == {"application/x-mhdesk-store": ["*.mhd"], "application/x-mhdesk-bundle": ["*.mhb"]}


@pytest.mark.parametrize(("args", "expected"), [
    (["/home/c/zwb.mhd"], "called: gui --store /home/c/zwb.mhd"),
    (["/home/c/bundel 2024.mhb"], "called: gui"),
    ([], "called: gui"),
])
def test_desktop_launcher_opens_a_store_at_its_unlock_dialog(frozen: Path, args: list[str], expected: str) -> None:
    shutil.copy2(LINUX / "mhdesk-open", frozen / "mhdesk-open")
    proc = subprocess.run([str(frozen / "mhdesk-open"), *args], capture_output=True, text=True, check=True)
    assert proc.stdout.strip() == expected


def test_inno_setup_script_installs_per_user_with_the_builds_version_and_file_types() -> None:
    iss = (ROOT / "installer" / "windows" / "mhdesk.iss").read_text(encoding="utf-8")
    lines = {ln.split("=", 1)[0].strip(): ln.split("=", 1)[1].strip() for ln in iss.splitlines()
             if "=" in ln and not ln.startswith((";", "Root:", "Name:", "Source:", "Filename:", "#"))}
    assert lines["PrivilegesRequired"] == "lowest"
    assert lines["AppVersion"] == "{#AppVersion}" and "#error" in iss  # the build passes it; none is made up
    assert lines["DefaultDirName"] == "{autopf}\\mhdesk"
    assert lines["ChangesAssociations"] == "yes"
    assert 'Source: "..\\..\\dist\\mhdesk\\*"' in iss
    assert "{autoprograms}\\mhdesk" in iss
    for ext, cls in ((".mhd", "mhdesk.store"), (".mhb", "mhdesk.bundle")):
        assert f'Subkey: "Software\\Classes\\{ext}"; ValueType: string; ValueName: ""; ValueData: "{cls}"' in iss
    assert "Root: HKLM" not in iss, "per-user install: never the machine-wide registry"
