"""Where figures come in: partners' CSV and XLSX files, and the mhdesk Excel template.

No Qt here: the CLI (``mhdesk import``) and the window's import screen call the same
three steps. Each step is a plain function; run it on a worker thread, pass
``progress(done, total)`` (called from that thread) and a ``threading.Event`` as
``cancel`` — setting it makes the running step raise :class:`Cancelled` and leaves the
store exactly as it was (the write is one SQLite transaction that is rolled back).

1. Preview — ``read_file(path, sheet=None, mapping=None, progress=None, cancel=None) -> Table``

   * ``table.preview(100)`` → ``[(row, {header as in the file: text}), …]`` (row numbers as a
     spreadsheet shows them, header = row 1); ``table.headers`` are the file's column names;
   * ``table.columns`` maps each recognised field to its header; ``table.unrecognised`` lists
     headers the user still has to map. Map them with ``mapping={header: field}`` where field is
     one of ``FIELDS`` (``indicator``, ``org_unit``, ``period``, a dimension, ``value``,
     ``status``, ``note``, or ``IGNORE`` to leave a column out) and read again.
     Remember a partner's mapping with ``save_mapping(store, partner, mapping)`` /
     ``load_mapping(store, partner)`` (the store's ``import_mapping`` table);
   * ``table.describe()`` says how the file was read (encoding, separator, sheet): nothing is
     guessed silently; an ambiguous file is refused with a message instead.
   * Refusals raise ``MhdeskError`` at once: empty, binary or truncated files, ``.xlsm``, XML
     entity bombs, zip bombs, size caps, and files that look like records about persons.

2. Check — ``check(store, table, limit=200, progress=None, cancel=None) -> CheckResult``

   Every rule in one pass (``mhdesk.checks``). ``result.issues``: a list of ``Issue(file, row,
   column, message, severity)``, errors first, capped at ``limit`` per severity;
   ``result.error_count`` / ``result.warning_count`` count all of them. ``result.ok`` is True
   when there are no errors; then ``result.rows`` holds the rows in storage form (a DataFrame of
   plain objects, in key order). Nothing is written. ``progress`` here counts rule groups (of 8).

3. Write — ``write(store, table, result, on_conflict="fail"|"replace"|"keep", dry_run=False,
   progress=None, cancel=None) -> ImportSummary``

   All or nothing. ``summary.added / changed / unchanged / kept``, ``summary.conflicts`` (the
   first 200, each with old and new state) and ``conflict_count``; ``summary.line()`` is the
   Dutch one-line summary. With ``on_conflict="fail"`` differing values raise
   :class:`ImportConflicts` (``.summary.conflicts`` lists them). A file whose SHA-256 was imported
   before changes nothing: ``summary.already_imported`` holds the date.

``import_file(store, path, …)`` runs all three (what ``mhdesk import`` does); it calls
``table.release()`` between check and write to keep memory low (a window that still shows the
preview simply does not call it).

Progress units: reading a CSV reports bytes, an XLSX rows; writing reports rows.
``write_template(store, out, period=None, org_unit=None)`` writes the Excel entry template.
For one typed value (the entry grid) use ``mhdesk.checks.check_value``.
"""

from __future__ import annotations

from mhdesk.checks import Issue
from mhdesk.checks.frame import CheckResult, PersonRecords
from mhdesk.importing.pipeline import (
    ImportConflicts,
    ImportRefused,
    ImportSummary,
    check,
    import_file,
    load_mapping,
    previous_import,
    read_file,
    save_mapping,
    write,
)
from mhdesk.importing.readers import FIELDS, IGNORE, Cancelled, Table
from mhdesk.importing.template import write_template

__all__ = [
    "FIELDS", "IGNORE", "Cancelled", "CheckResult", "ImportConflicts", "ImportRefused", "ImportSummary", "Issue",
    "PersonRecords", "Table", "check", "import_file", "load_mapping", "previous_import", "read_file",
    "save_mapping", "write", "write_template",
]
