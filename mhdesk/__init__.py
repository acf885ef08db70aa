"""mhdesk: the desktop tool of the Dutch regional human-trafficking monitor.

The package is split into rooms a reader can find by name:

- ``store``      where the figures are kept (SQLCipher, encrypted)
- ``catalogue``  what the figures mean (indicators, dimensions, org units, periods)
- ``importing``  where figures come in (CSV, Excel, templates)
- ``checks``     where they are checked
- ``disclosure`` what may be published (small-number suppression and its audit)
- ``charts``/``report`` where they are drawn
- ``exporting``/``bundles`` where they leave; ``central`` where bundles are merged
- ``cli`` and ``gui`` the two front ends; only ``gui`` imports Qt.
"""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("mhdesk")
except PackageNotFoundError:  # frozen build or plain source tree
    __version__ = "0.1.0"
