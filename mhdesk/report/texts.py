"""The coordinator's background text per report chapter, kept in the store's ``report_text`` table."""

from __future__ import annotations

from typing import TYPE_CHECKING

from sqlalchemy import text

from mhdesk.errors import MhdeskError

if TYPE_CHECKING:
    from mhdesk.store import Store

MAX_CHARS = 20_000


def chapter_texts(store: Store) -> dict[str, str]:
    with store.read() as conn:
        return {str(r[0]): str(r[1]) for r in conn.execute(text("SELECT chapter, text FROM report_text"))}


def chapter_text(store: Store, chapter: str) -> str:
    return chapter_texts(store).get(chapter, "")


def set_chapter_text(store: Store, chapter: str, body: str, *, user: str | None = None) -> str:
    """Save (or with an empty ``body`` remove) a chapter's background text. Returns the previous text (the undo)."""
    from mhdesk.report.chapters import CHAPTERS
    from mhdesk.store.engine import now

    if chapter not in {c.code for c in CHAPTERS}:
        raise MhdeskError(f"unknown report chapter '{chapter}'",
                          hint=f"The chapters are: {', '.join(c.code for c in CHAPTERS)}.")
    body = body.replace("\r\n", "\n").strip()
    if len(body) > MAX_CHARS:
        raise MhdeskError(f"the background text of '{chapter}' is {len(body)} characters long; the limit is "
                          f"{MAX_CHARS}", hint="Shorten the text: the report is meant to be read by a council.")
    with store.begin() as conn:
        old = conn.execute(text("SELECT text FROM report_text WHERE chapter = :c"), {"c": chapter}).scalar()
        if body:
            conn.execute(text("INSERT INTO report_text (chapter, text, updated_at, updated_by) VALUES (:c, :t, :a, :u) "
                              "ON CONFLICT (chapter) DO UPDATE SET text = excluded.text, "
                              "updated_at = excluded.updated_at, updated_by = excluded.updated_by"),
                         {"c": chapter, "t": body, "a": now(), "u": user or store.user})
        else:
            conn.execute(text("DELETE FROM report_text WHERE chapter = :c"), {"c": chapter})
    return str(old or "")
