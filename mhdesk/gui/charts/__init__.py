"""The window's charts area, the desk view for meetings, and the report button with its text editor.

Drawing is the core's (``mhdesk.charts``); this package only shows it: ``view.py`` (the charts
area), ``desk.py`` (the desk view), ``texts.py`` (background text per report chapter),
``render.py`` (pixels off the GUI thread, a smoothly resizing canvas).
"""
