"""What the frozen build leaves out, shared by ``mhdesk.spec`` and ``bare_window.spec``.

A naive PyInstaller build of PySide6 + pandas + scipy + matplotlib is about 330 MB. mhdesk
uses QtCore, QtGui, QtWidgets and QtSvg (icons); matplotlib's Agg, PDF, SVG and Qt backends;
from scipy only ``scipy.optimize`` (HiGHS ``linprog``/``milp`` for the disclosure audit).
Everything else is dropped here, by module name (``EXCLUDES``) and after analysis by file
(``keep_binary``/``keep_data``). The self-test of the frozen program proves what remains
is enough: it runs the import, a chart, the disclosure audit and a bundle.
"""

from __future__ import annotations

import re

#: Python modules never imported by mhdesk (or only by code paths mhdesk never takes).
EXCLUDES = [
    # development and test tooling that may sit in the build environment
    "tkinter", "_tkinter", "turtle", "idlelib", "lib2to3", "pydoc_data", "ensurepip", "venv",
    "IPython", "jupyter", "notebook", "pytest", "_pytest", "hypothesis", "pytestqt", "mypy",
    "ruff", "importlinter", "grimp", "PyInstaller", "setuptools", "pip", "wheel", "docutils",
    "sphinx", "jinja2", "pygments",
    # Qt: everything but Core, Gui, Widgets and Svg (PySide6-Essentials still ships them all)
    *(f"PySide6.Qt{m}" for m in (
        "Network", "Qml", "Quick", "QuickWidgets", "QuickControls2", "QuickTest", "OpenGL",
        "OpenGLWidgets", "Sql", "Test", "Xml", "Concurrent", "DBus", "Designer", "Help",
        "PrintSupport", "UiTools", "StateMachine", "Multimedia", "MultimediaWidgets",
        "Positioning", "Bluetooth", "Nfc", "SerialPort", "SerialBus", "WebSockets",
        "WebChannel", "WebEngineCore", "WebEngineWidgets", "Pdf", "PdfWidgets", "Charts",
        "DataVisualization", "Graphs", "3DCore", "3DRender", "SpatialAudio", "TextToSpeech",
        "HttpServer", "RemoteObjects", "Scxml", "Sensors", "NetworkAuth", "Location",
        "SvgWidgets", "Canvas3D", "ShaderTools", "Asyncio",
    )),
    # matplotlib: other GUI toolkits, notebooks, web
    *(f"matplotlib.backends.backend_{b}" for b in (
        "tkagg", "tkcairo", "_tk", "gtk3", "gtk3agg", "gtk3cairo", "gtk4", "gtk4agg",
        "gtk4cairo", "wx", "wxagg", "wxcairo", "macosx", "nbagg", "webagg", "webagg_core",
        "qt5", "qt5agg", "qt5cairo", "qtcairo", "cairo", "pgf", "template",
    )),
    "matplotlib.tests", "matplotlib.testing",  # not mpl_toolkits: matplotlib warns when it is missing
    # numpy / pandas / scipy pieces mhdesk never reaches
    "numpy.distutils",  # not numpy.f2py: scipy's array-API layer clones the numpy namespace
    "numpy.tests", "numpy.random.tests", "numpy.typing.tests",
    "pandas.tests",  # pandas.io.* stays: pandas.api imports most readers at start-up
    "pyarrow", "tables", "numexpr", "bottleneck", "numba", "xarray", "dask", "fsspec",
    "python_calamine",  # pandas' optional Excel engine; mhdesk reads xlsx with openpyxl
    *(f"scipy.{m}" for m in (
        "stats", "signal", "interpolate", "integrate", "io", "ndimage", "odr", "cluster",
        "datasets", "misc", "fftpack", "differentiate",
    )),
    # PIL plugins for formats mhdesk never reads (matplotlib writes PNG itself)
    "PIL.ImageQt", "PIL.ImageTk", "PIL._tkinter_finder", "PIL._avif", "PIL.AvifImagePlugin",
    "PIL._webp", "PIL.WebPImagePlugin", "PIL._imagingtk",  # not ImageCms: fpdf2 needs it for images
    "PIL._imagingmath", "PIL._imagingmorph", "PIL.ImageMath", "PIL.ImageMorph",
]

# Qt shared libraries kept: what Core/Gui/Widgets/Svg and the kept plugins link against.
_QT_LIBS_KEEP = re.compile(
    r"libQt6(Core|Gui|Widgets|Svg|DBus|XcbQpa)\.so|Qt6(Core|Gui|Widgets|Svg)\.dll|"
    r"Qt(Core|Gui|Widgets|Svg|DBus)\.framework"
)
_QT_LIB = re.compile(r"(libQt6\w+\.so|Qt6\w+\.dll|Qt\w+\.framework)")

# Qt plugins kept, as folder/name-stem; the rest (wayland, eglfs, vnc, tls, network info,
# sql drivers, virtual keyboard, print support, …) is never used by mhdesk.
_PLUGINS_KEEP = {
    "platforms": {"qxcb", "qoffscreen", "qminimal", "qwindows", "qcocoa", "qdirect2d"},
    # not qgtk3: it drags the build machine's whole GTK/pango/cairo stack into the folder
    "platformthemes": {"qxdgdesktopportal"},
    "platforminputcontexts": {"composeplatforminputcontextplugin", "ibusplatforminputcontextplugin"},
    "imageformats": {"qsvg", "qico", "qjpeg", "qgif"},
    "iconengines": {"qsvgicon"},
    # no xcbglintegrations: widgets paint in software; loading the host's GL driver next to a
    # bundled libstdc++ is a classic crash of frozen Qt programs
    "styles": {"qwindowsvistastyle", "qmodernwindowsstyle", "qmacstyle"},
}
# Linux/macOS wheels: PySide6/Qt/plugins/…; Windows wheels: PySide6/plugins/….
_PLUGIN = re.compile(r"(?:Qt6?|PySide6)[/\\]plugins[/\\]([^/\\]+)[/\\](?:lib)?([^/\\]+?)\.(so|dll|dylib)$")

# Qt translations kept: the Dutch and English Qt base strings (buttons of standard dialogs).
_QM = re.compile(r"(?:Qt6?|PySide6)[/\\]translations[/\\](?P<name>[^/\\]+)\.qm$")
_QM_KEEP = {"qtbase_nl", "qtbase_en", "qt_nl", "qt_en"}

# Data of libraries that mhdesk does not need at run time.
_DATA_DROP = re.compile(
    r"(mpl-data[/\\]sample_data|"  # sample data
    r"mpl-data[/\\]fonts[/\\](afm|pdfcorefonts)|"                        # core-font metrics (use14corefonts off)
    r"mpl-data[/\\]fonts[/\\]ttf[/\\](STIX|cm|DejaVuSerif|DejaVuSansDisplay|LICENSE_STIX)|"
    r"mpl-data[/\\]plot_directive|"
    r"[/\\]tests?[/\\]|\.pyi$|\.pxd$|\.pyx$|[/\\]include[/\\]|\.h$|\.c$|\.cpp$|"
    r"PySide6[/\\](typesystems|glue|include|scripts|support[/\\]deprecated)|"
    r"PySide6[/\\]Qt[/\\](qml|resources[/\\]qtwebengine|libexec|metatypes|modules)[/\\])"
)


def _norm(dest: str) -> str:
    return dest.replace("\\", "/")


def keep_binary(dest: str) -> bool:
    """True for a shared library or plugin the frozen mhdesk needs."""
    d = _norm(dest)
    m = _PLUGIN.search(d)
    if m:
        folder, stem = m.group(1), m.group(2)
        return stem in _PLUGINS_KEEP.get(folder, set())
    name = d.rsplit("/", 1)[-1]
    if _QT_LIB.search(name) and not _QT_LIBS_KEEP.search(d):
        return False
    return not _DATA_DROP.search(d)


def keep_data(dest: str) -> bool:
    """True for a data file the frozen mhdesk needs."""
    d = _norm(dest)
    m = _QM.search(d)
    if m:
        return m.group("name") in _QM_KEEP
    return not _DATA_DROP.search(d)


def filter_toc(toc: list, keep) -> list:  # type: ignore[no-untyped-def,type-arg]
    """A PyInstaller TOC (list of (dest, src, typecode)) without the entries ``keep`` refuses."""
    return [entry for entry in toc if keep(entry[0])]


def _needed(path: str) -> list[str]:
    import subprocess

    out = subprocess.run(["readelf", "-dW", path], capture_output=True, text=True).stdout
    return re.findall(r"\(NEEDED\)\s+Shared library: \[([^\]]+)\]", out)


def prune_orphans(binaries: list) -> list:  # type: ignore[type-arg]
    """Drop system libraries that only a dropped plugin needed (Linux).

    PyInstaller copies each plugin's dependencies to the top of the folder as separate entries;
    dropping the GTK platform theme leaves GTK, pango, cairo, gdk-pixbuf, atk… behind. Roots are
    every binary inside a package folder (extension modules, Qt libraries and plugins, auditwheel
    libraries), every extension module, and libpython; a top-level library stays only if a root needs it, directly or
    through other libraries (ELF ``NEEDED`` entries, read with ``readelf``).
    """
    import shutil
    import sys

    if not sys.platform.startswith("linux") or shutil.which("readelf") is None:
        return binaries
    by_name = {_norm(dest).rsplit("/", 1)[-1]: (dest, src) for dest, src, _t in binaries}
    def is_root(dest: str) -> bool:
        d = _norm(dest)
        name = d.rsplit("/", 1)[-1]
        return "/" in d or name.startswith("libpython") or ".cpython-" in name or ".abi3." in name

    roots = [src for dest, src, _t in binaries if is_root(dest)]
    seen: set[str] = set()
    todo = list(roots)
    while todo:
        src = todo.pop()
        for lib in _needed(src):
            if lib in by_name and lib not in seen:
                seen.add(lib)
                todo.append(by_name[lib][1])
    return [entry for entry in binaries if is_root(entry[0]) or _norm(entry[0]).rsplit("/", 1)[-1] in seen]
