"""The PySide6 window. Nothing outside this package imports Qt.

``app.run(store_path, passphrase)`` starts the window; ``areas.py`` lists its pages;
``tasks.py`` runs long work off the GUI thread; ``context.py`` is what every page gets.
"""
