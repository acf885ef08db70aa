"""The frozen build's exclusions, checked without building: fast enough for every test run.

``installer/freeze_rules.py`` drops modules, Qt plugins and data files to keep the installer
small. Dropping one too many breaks the installed program only, where no developer looks; so
here the self-test runs in a child process in which every excluded module is unimportable,
exactly as in the frozen build. Any core module that starts to need an excluded one fails here.
"""

from __future__ import annotations

import ast
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "installer"))
import freeze_rules  # noqa: E402

BLOCKER = r'''
import sys
sys.path.insert(0, {installer!r})
import freeze_rules
EXCLUDED = set(freeze_rules.EXCLUDES)
tried = []


class Excluded:
    def find_spec(self, name, path=None, target=None):
        if name in EXCLUDED or any(name.startswith(e + ".") for e in EXCLUDED):
            tried.append(name)
            raise ModuleNotFoundError(f"No module named {{name!r}} (left out of the frozen build)")
        return None


sys.meta_path.insert(0, Excluded())
from mhdesk.selftest import STEPS, run_self_test
steps = [s for s in STEPS if s[0] != "venster (offscreen)"]  # the window runs in its own process
code = run_self_test(steps=steps)
print("TRIED", sorted(set(tried)))
sys.exit(code)
'''

# Optional accelerators pandas probes for and does without.
OPTIONAL = {"bottleneck", "numexpr", "pyarrow", "numba"}


def test_self_test_passes_with_every_excluded_module_unimportable(tmp_path: Path) -> None:
    env = dict(os.environ, MPLBACKEND="Agg", PYTHONWARNINGS="error::UserWarning:matplotlib")
    proc = subprocess.run([sys.executable, "-c", BLOCKER.format(installer=str(ROOT / "installer"))], env=env,
                          capture_output=True, text=True, timeout=600, cwd=tmp_path)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    tried = proc.stdout.rsplit("TRIED", 1)[1].strip()
    tried_set = set(ast.literal_eval(tried))  # a printed list of module names
    assert tried_set <= OPTIONAL, f"mhdesk imported modules the build leaves out: {sorted(tried_set - OPTIONAL)}"


def test_qt_plugins_kept_are_the_ones_mhdesk_needs() -> None:
    keep = freeze_rules.keep_binary
    assert keep("PySide6/Qt/plugins/platforms/libqxcb.so")
    assert keep("PySide6/Qt/plugins/platforms/libqoffscreen.so")
    assert keep("PySide6/Qt/plugins/platforms/qwindows.dll")
    assert keep("PySide6/Qt/plugins/iconengines/libqsvgicon.so")
    assert not keep("PySide6/Qt/plugins/platforms/libqwayland.so")
    assert not keep("PySide6/Qt/plugins/platformthemes/libqgtk3.so")
    assert not keep("PySide6/Qt/plugins/tls/libqopensslbackend.so")
    assert not keep("PySide6/Qt/plugins/networkinformation/libqnetworkmanager.so")
    assert not keep("PySide6/Qt/lib/libQt6Network.so.6")
    assert not keep("PySide6/Qt/lib/libQt6Quick.so.6")
    assert keep("PySide6/Qt/lib/libQt6Widgets.so.6")
    assert keep("PySide6/Qt/lib/libQt6XcbQpa.so.6")
    assert keep("PySide6/Qt6Widgets.dll")
    # Windows wheels keep plugins and translations directly under PySide6/
    assert keep("PySide6\\plugins\\platforms\\qwindows.dll")
    assert keep("PySide6\\plugins\\styles\\qmodernwindowsstyle.dll")
    assert not keep("PySide6\\plugins\\imageformats\\qpdf.dll")
    assert not keep("PySide6\\plugins\\tls\\qschannelbackend.dll")
    assert not keep("PySide6\\Qt6Network.dll")


def test_data_kept_are_the_translations_and_fonts_mhdesk_uses() -> None:
    keep = freeze_rules.keep_data
    assert keep("PySide6/Qt/translations/qtbase_nl.qm")
    assert not keep("PySide6/Qt/translations/qtbase_de.qm")
    assert not keep("PySide6/Qt/translations/assistant_nl.qm")
    assert keep("PySide6\\translations\\qtbase_nl.qm") and not keep("PySide6\\translations\\qtbase_fr.qm")
    assert keep("resources/i18n/mhdesk_en.qm")  # mhdesk's own translations are never filtered
    assert keep("matplotlib/mpl-data/fonts/ttf/DejaVuSans.ttf")
    assert keep("matplotlib/mpl-data/matplotlibrc")
    assert not keep("matplotlib/mpl-data/sample_data/goog.npz")
    assert not keep("pandas/tests/io/data/test1.csv")


def test_icu_trim_keeps_dutch_english_and_root_only() -> None:
    sys.path.insert(0, str(ROOT / "installer" / "linux"))
    import trim_icu

    for kept in ("root.res", "nl.res", "nl_BE.res", "en_GB.res", "coll/nl.res", "coll/ucadata.icu",
                 "res_index.res", "pool.res", "zone/nl.res", "supplementalData.res", "brkitr/word.brk",
                 "metaZones.res", "uts46.nrm", "cnvalias.icu"):
        assert trim_icu._keep(kept), kept
    for dropped in ("de.res", "zh_Hant_TW.res", "coll/zh.res", "brkitr/cjdict.dict", "ibm-943_P15A-2003.cnv",
                    "translit/Hira_Kana.res", "zone/fr.res", "yue.res"):
        assert not trim_icu._keep(dropped), dropped


def test_strip_safe_refuses_what_strip_would_break_and_strips_the_rest(tmp_path: Path) -> None:
    """numpy's OpenBLAS (patched by auditwheel) breaks when stripped; libpython does not."""
    import shutil
    import sysconfig

    sys.path.insert(0, str(ROOT / "installer" / "linux"))
    import numpy
    import strip_safe

    blas = next((Path(numpy.__file__).parent.parent / "numpy.libs").glob("libscipy_openblas*.so"))
    broken = tmp_path / blas.name
    shutil.copyfile(blas, broken)
    assert strip_safe.loads_aligned(broken)
    subprocess.run(["strip", "--strip-unneeded", str(broken)], check=True)
    assert not strip_safe.loads_aligned(broken), "the check must see what the loader would refuse"

    # A folder as the build leaves it: a library with symbols, and an auditwheel folder.
    frozen = tmp_path / "frozen"
    (frozen / "numpy.libs").mkdir(parents=True)
    shutil.copyfile(blas, frozen / "numpy.libs" / blas.name)
    libpython = Path(sysconfig.get_config_var("LIBDIR")) / sysconfig.get_config_var("INSTSONAME")
    shutil.copyfile(libpython, frozen / libpython.name)
    had_symbols = strip_safe._has_symtab(frozen / libpython.name)
    n, saved, refused = strip_safe.strip_folder(frozen)
    assert (frozen / "numpy.libs" / blas.name).read_bytes() == blas.read_bytes(), "*.libs are never touched"
    assert strip_safe.loads_aligned(frozen / libpython.name)
    if had_symbols:
        assert n == 1 and saved > 0 and refused == []
        assert not strip_safe._has_symtab(frozen / libpython.name)


def test_prune_orphans_keeps_what_a_kept_module_needs_and_drops_the_rest() -> None:
    """The libraries of a dropped plugin (GTK's, say) go; those an extension module needs stay."""
    import _ctypes
    import ctypes.util

    def system(name: str) -> str:
        out = subprocess.run(["ldconfig", "-p"], capture_output=True, text=True).stdout
        return next(ln.split(" => ")[1].strip() for ln in out.splitlines() if ln.strip().startswith(name + " "))

    assert ctypes.util.find_library("ffi")
    toc = [
        ("python3.11/lib-dynload/_ctypes.so", _ctypes.__file__, "EXTENSION"),   # root: needs libffi
        ("libffi.so.8", system("libffi.so.8"), "BINARY"),                          # needed: stays
        ("libexpat.so.1", system("libexpat.so.1"), "BINARY"),                      # nobody needs it: goes
    ]
    kept = [dest for dest, _src, _t in freeze_rules.prune_orphans(toc)]
    assert kept == ["python3.11/lib-dynload/_ctypes.so", "libffi.so.8"]
