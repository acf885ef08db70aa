"""The coordinator's "send to the central office" area (``send.py``)."""
