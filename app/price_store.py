"""Imported price sheets in the station database: add, list, fetch, the one in force."""

from __future__ import annotations

import hashlib
import zlib
from datetime import date
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session

from app import codec
from app.db import PriceSheetRow
from app.errors import NotFoundError
from app.grading import Standard
from app.price_sheet import (
    PriceSheet,
    PriceSheetError,
    SheetAlreadyImportedError,
    SheetProblem,
    parse_sheet,
    read_table,
)
from app.records import new_id, utc_now


class PriceSheetStore:
    """Versioned price sheets; the one in force is the newest effective one."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    def import_file(
        self,
        path: Path,
        standard: Standard,
        source: str | None = None,
        effective: date | None = None,
    ) -> PriceSheet:
        """Parse ``path`` and store it as the next version. Any bad row: PriceSheetError
        listing every problem, and nothing is stored; a file that cannot be read: the
        OSError (the OS says why: missing, a folder, no permission)."""
        data = path.read_bytes()
        if not data:
            raise PriceSheetError(path.name, [SheetProblem("empty")])
        parsed = parse_sheet(read_table(path), standard, path.name)
        digest = hashlib.sha256(data).hexdigest()
        effective = effective or parsed.effective or date.today()
        with Session(self.engine) as session, session.begin():
            same = session.scalar(
                select(PriceSheetRow.version).where(
                    PriceSheetRow.file_sha256 == digest,
                    PriceSheetRow.effective == effective.isoformat(),
                )
            )
            if same is not None:
                raise SheetAlreadyImportedError(path.name, same)
            version = (session.scalar(select(func.max(PriceSheetRow.version))) or 0) + 1
            sheet = PriceSheet(
                id=new_id(),
                version=version,
                source=source or parsed.source or path.name,
                effective=effective,
                imported_at=utc_now(),
                file_name=path.name,
                file_sha256=digest,
                levels=parsed.levels,
                rows=parsed.rows,
            )
            session.add(
                PriceSheetRow(
                    id=sheet.id,
                    version=version,
                    source=sheet.source,
                    effective=effective.isoformat(),
                    imported_at=sheet.imported_at,
                    file_name=sheet.file_name,
                    file_sha256=digest,
                    body=zlib.compress(codec.to_json(sheet).encode()),
                )
            )
        return sheet

    def list(self) -> list[PriceSheet]:
        """Every imported sheet, newest version first."""
        with Session(self.engine) as session:
            rows = session.scalars(select(PriceSheetRow).order_by(PriceSheetRow.version.desc()))
            return [_decode(row) for row in rows]

    def get(self, key: str) -> PriceSheet:
        """A sheet by id or version number."""
        column = PriceSheetRow.version if key.isdigit() else PriceSheetRow.id
        value: int | str = int(key) if key.isdigit() else key
        with Session(self.engine) as session:
            row = session.scalar(select(PriceSheetRow).where(column == value))
            if row is None:
                raise NotFoundError(f"no price sheet {key}; see `yanji price list`")
            return _decode(row)

    def in_force(self, today: date | None = None) -> PriceSheet | None:
        """The newest sheet already effective ``today`` (latest import wins a tie)."""
        day = (today or date.today()).isoformat()
        with Session(self.engine) as session:
            row = session.scalar(
                select(PriceSheetRow)
                .where(PriceSheetRow.effective <= day)
                .order_by(PriceSheetRow.effective.desc(), PriceSheetRow.version.desc())
                .limit(1)
            )
            return _decode(row) if row is not None else None


def _decode(row: PriceSheetRow) -> PriceSheet:
    return codec.from_json(PriceSheet, zlib.decompress(row.body))
