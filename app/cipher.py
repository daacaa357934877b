"""Encryption at rest of seller identity numbers (Fernet, key kept in the data dir).

The key lives in keys/seller.key (mode 0600), apart from the database, so a copied
database file or a backup does not give away the sellers' ID numbers on its own.
"""

from __future__ import annotations

import os
from pathlib import Path

from cryptography.fernet import Fernet, InvalidToken

from app.errors import YanjiError


class SellerCipher:
    """Encrypts and decrypts seller ID numbers with the station's key."""

    def __init__(self, key: bytes) -> None:
        self._fernet = Fernet(key)

    @classmethod
    def from_key_file(cls, path: Path) -> SellerCipher:
        """Load the key, making it (0600) the first time."""
        if not path.exists():
            path.parent.mkdir(parents=True, exist_ok=True)
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            with os.fdopen(fd, "wb") as handle:
                handle.write(Fernet.generate_key())
                handle.flush()
                os.fsync(handle.fileno())
        return cls(path.read_bytes().strip())

    def encrypt(self, value: str) -> bytes:
        """The ciphertext token for ``value``."""
        return self._fernet.encrypt(value.encode())

    def decrypt(self, token: bytes) -> str:
        """The plain value; YanjiError if the token was made with another key or altered."""
        try:
            return self._fernet.decrypt(token).decode()
        except InvalidToken:
            raise YanjiError(
                "a seller ID number cannot be decrypted: keys/seller.key does not match "
                "this database (restored from another station?)"
            ) from None
