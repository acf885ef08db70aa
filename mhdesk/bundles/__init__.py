"""Signed, encrypted bundles: how a coordinator's figures travel to the central office.

``minisign`` (keys and signatures in the standard formats), ``manifest`` (canonical JSON),
``archive`` (the inner zip, read as hostile input) and ``bundle`` (export and the checks of
``security.md`` in their order). Heavy libraries (pyrage, cryptography) load on use.
"""
