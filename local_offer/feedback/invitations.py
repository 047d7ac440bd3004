"""Single-use invitation codes for printed letters: made in batches, stored hashed, fixed to a stage."""

from __future__ import annotations

import csv
import hashlib
import re
import secrets
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from urllib.parse import urlencode

import segno
from sqlalchemy import select, update

from ..extensions import db
from .models import Invitation

# No 0/O, 1/I/L or U: a code read aloud or typed from a letter is not mistaken.
ALPHABET = "23456789ABCDEFGHJKMNPQRSTVWXYZ"
CODE_LENGTH = 12
MAX_BATCH = 10_000
DEFAULT_WEEKS = 6
_NOT_CODE = re.compile(r"[^0-9A-Z]")


@dataclass(frozen=True)
class CodeCheck:
    status: str  # valid | used | expired | unknown
    stage: str | None = None


def normalise(code: str) -> str:
    """The code as stored: capitals, no spaces or dashes, so `abcd-efgh` and `ABCDEFGH` match."""
    return _NOT_CODE.sub("", (code or "").upper())[: CODE_LENGTH * 2]


def code_hash(code: str) -> str:
    return hashlib.sha256(normalise(code).encode()).hexdigest()


def new_code() -> str:
    raw = "".join(secrets.choice(ALPHABET) for _ in range(CODE_LENGTH))
    return "-".join(raw[i : i + 4] for i in range(0, CODE_LENGTH, 4))


def check_code(code: str, today: date | None = None) -> CodeCheck:
    """What a code is good for, without using it up."""
    if len(normalise(code)) != CODE_LENGTH:
        return CodeCheck("unknown")
    invitation = db.session.scalar(select(Invitation).filter_by(code_hash=code_hash(code)))
    if invitation is None:
        return CodeCheck("unknown")
    if invitation.used:
        return CodeCheck("used", invitation.stage)
    if invitation.expires_on < (today or date.today()):
        return CodeCheck("expired", invitation.stage)
    return CodeCheck("valid", invitation.stage)


def invitation_status(code: str, stage: str) -> str:
    checked = check_code(code)
    if checked.status == "valid" and checked.stage != stage:
        return "unknown"
    return checked.status


def use_invitation(code: str, stage: str) -> bool:
    """Mark a code used; false when another answer used it first (the answers still count)."""
    result = db.session.execute(
        update(Invitation)
        .where(Invitation.code_hash == code_hash(code), Invitation.stage == stage, Invitation.used.is_(False))
        .values(used=True)
    )
    db.session.commit()
    return result.rowcount == 1


def create_invitations(
    stage: str, count: int, weeks: int = DEFAULT_WEEKS, today: date | None = None
) -> tuple[list[str], date]:
    """Make `count` codes for a stage; only their hashes are stored, so the codes are returned once."""
    if not 1 <= count <= MAX_BATCH:
        raise ValueError(f"count must be between 1 and {MAX_BATCH}")
    if not 1 <= weeks <= 52:
        raise ValueError("weeks must be between 1 and 52")
    today = today or date.today()
    expires = today + timedelta(weeks=weeks)
    batch = f"{stage}-{today.isoformat()}-{secrets.token_hex(3)}"
    codes: list[str] = []
    hashes: set[str] = set()
    while len(codes) < count:
        code = new_code()
        if code_hash(code) not in hashes:
            hashes.add(code_hash(code))
            codes.append(code)
    db.session.add_all(Invitation(code_hash=h, stage=stage, expires_on=expires, batch=batch) for h in hashes)
    db.session.commit()
    return codes, expires


def invitation_link(base_url: str, stage: str, code: str) -> str:
    return f"{base_url.rstrip('/')}/feedback/{stage}?{urlencode({'code': code})}"


def write_invitations(
    folder: Path, base_url: str, stage: str, codes: list[str], expires: date, qr: bool = True
) -> Path:
    """A CSV for a mail merge (code, link, expiry, QR image file) and one QR image per code."""
    folder.mkdir(parents=True, exist_ok=True)
    csv_path = folder / f"invitations-{stage}-{date.today().isoformat()}.csv"
    with csv_path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["code", "link", "expires", "qr_image"])
        for code in codes:
            link = invitation_link(base_url, stage, code)
            image = ""
            if qr:
                image = f"qr-{stage}-{code}.png"
                segno.make(link, error="m").save(folder / image, scale=6, border=4)
            writer.writerow([code, link, expires.isoformat(), image])
    return csv_path
