"""The store's tables, as SQLAlchemy 2 ORM classes.

The schema itself is created by the frozen steps in ``migrations.py``; these classes map
onto it (a test checks that they agree).

Values are kept in the indicator's smallest unit: persons or items for ``aantal``,
euro cents for ``euro``. ``''`` in a dimension column is the total over that dimension.
"""

from __future__ import annotations

from sqlalchemy import ForeignKey, Integer, LargeBinary, Text
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


class Base(DeclarativeBase):
    type_annotation_map = {str: Text, bytes: LargeBinary}


class Meta(Base):
    __tablename__ = "meta"
    key: Mapped[str] = mapped_column(primary_key=True)
    value: Mapped[str]


class CatalogueDoc(Base):
    """The store's copy of the catalogue (indicators, dimensions, themes) as JSON."""

    __tablename__ = "catalogue"
    version: Mapped[int] = mapped_column(Integer, primary_key=True)
    doc: Mapped[str]
    loaded_at: Mapped[str]


class OrgUnitRow(Base):
    __tablename__ = "org_unit"
    code: Mapped[str] = mapped_column(primary_key=True)
    name: Mapped[str]
    level: Mapped[str]
    parent: Mapped[str | None]
    valid_from: Mapped[str]
    valid_to: Mapped[str | None]


class Source(Base):
    """Where values came from: an imported file, manual entry, the demo, a bundle."""

    __tablename__ = "source"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    kind: Mapped[str]  # import | manual | demo | system
    file_name: Mapped[str | None]
    sha256: Mapped[str | None]
    at: Mapped[str]
    by_user: Mapped[str]
    added: Mapped[int] = mapped_column(Integer, default=0)
    changed: Mapped[int] = mapped_column(Integer, default=0)
    unchanged: Mapped[int] = mapped_column(Integer, default=0)


class Value(Base):
    __tablename__ = "value"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    indicator: Mapped[str]
    org_unit: Mapped[str]
    period: Mapped[str]
    vorm: Mapped[str] = mapped_column(default="")
    geslacht: Mapped[str] = mapped_column(default="")
    leeftijd: Mapped[str] = mapped_column(default="")
    herkomst: Mapped[str] = mapped_column(default="")
    bron: Mapped[str] = mapped_column(default="")
    sector: Mapped[str] = mapped_column(default="")
    doelgroep: Mapped[str] = mapped_column(default="")
    value: Mapped[int | None] = mapped_column(Integer)
    status: Mapped[str] = mapped_column(default="A")
    note: Mapped[str | None]
    source_id: Mapped[int] = mapped_column(ForeignKey("source.id"))
    changed_at: Mapped[str]
    changed_by: Mapped[str]


class ValueRevision(Base):
    """An earlier state of a value, written whenever a value is changed or deleted."""

    __tablename__ = "value_revision"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    indicator: Mapped[str]
    org_unit: Mapped[str]
    period: Mapped[str]
    vorm: Mapped[str]
    geslacht: Mapped[str]
    leeftijd: Mapped[str]
    herkomst: Mapped[str]
    bron: Mapped[str]
    sector: Mapped[str]
    doelgroep: Mapped[str]
    value: Mapped[int | None] = mapped_column(Integer)
    status: Mapped[str]
    note: Mapped[str | None]
    source_id: Mapped[int] = mapped_column(Integer)
    valid_from: Mapped[str]  # when this state was written
    valid_to: Mapped[str]  # when it was replaced
    replaced_by: Mapped[str]  # user who replaced it
    action: Mapped[str]  # update | delete


class Footnote(Base):
    """A footnote on an indicator for one period (and optionally one org unit)."""

    __tablename__ = "footnote"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    indicator: Mapped[str]
    period: Mapped[str | None]
    org_unit: Mapped[str | None]
    text: Mapped[str]
    created_at: Mapped[str]
    created_by: Mapped[str]


class SigningKey(Base):
    """The coordinator's Ed25519 signing key (minisign key id), kept only inside the encrypted store."""

    __tablename__ = "signing_key"
    key_id: Mapped[str] = mapped_column(primary_key=True)  # 16 hex digits, as minisign prints it
    secret: Mapped[bytes]  # 32-byte Ed25519 seed
    public: Mapped[bytes]  # 32-byte Ed25519 public key
    created_at: Mapped[str]
    active: Mapped[int] = mapped_column(Integer, default=1)


class BundleLog(Base):
    __tablename__ = "bundle_log"
    seq: Mapped[int] = mapped_column(Integer, primary_key=True)
    bundle_id: Mapped[str]
    key_id: Mapped[str]
    sha256: Mapped[str]  # of the encrypted .mhb file
    recipient: Mapped[str]
    file_name: Mapped[str | None]
    values_count: Mapped[int] = mapped_column(Integer)
    created_at: Mapped[str]


class ReportText(Base):
    """Background text the coordinator writes per report chapter."""

    __tablename__ = "report_text"
    chapter: Mapped[str] = mapped_column(primary_key=True)
    text: Mapped[str]
    updated_at: Mapped[str]
    updated_by: Mapped[str]


class ImportMapping(Base):
    """Remembered mapping of a partner's column header to an mhdesk field."""

    __tablename__ = "import_mapping"
    partner: Mapped[str] = mapped_column(primary_key=True)
    header: Mapped[str] = mapped_column(primary_key=True)
    field: Mapped[str]
