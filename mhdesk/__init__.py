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

# Kept equal to pyproject.toml's version by tests/test_version.py. A literal, not
# importlib.metadata: that lookup alone cost ~40 ms of every start-up.
__version__ = "0.1.0"
