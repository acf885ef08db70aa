"""Where the figures are kept: an encrypted SQLCipher file, opened through SQLAlchemy 2."""

from mhdesk.store.engine import Store, check_new_passphrase, current_user, now

__all__ = ["Store", "check_new_passphrase", "current_user", "now"]
