"""The central office: its database (SQLite or PostgreSQL), enrolled keys, merge, status and export.

``db`` (schema and connections), ``keys`` (enroll, revoke), ``merge`` (checks and the one
transaction), ``views`` (status, conflicts, merged and public exports, figures as of a date).
"""
