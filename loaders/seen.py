"""A compact record of the keys a load has seen and the line each was first seen at, so that memory stays
small however long the file: 12 bytes a key in one bytearray, not a Python set of strings.

Keys are kept as 64-bit BLAKE2b hashes; two different keys share a hash with odds of about n² / 2⁶⁵
(3 in 10¹⁰ for a million keys), which is accepted.
"""

from __future__ import annotations

import hashlib
import struct

__all__ = ["SeenKeys"]

_SLOT = struct.Struct("<QI")
"""(hash, line + 1); a line field of 0 marks an empty slot."""
_NO_LINE = 0xFFFFFFFF
_MIN_SLOTS = 1024


def _hash(*parts: str) -> int:
    digest = hashlib.blake2b("\x00".join(parts).encode("utf-8", "surrogatepass"), digest_size=8).digest()
    return int.from_bytes(digest, "little")


class SeenKeys:
    """An open-addressing hash table in a bytearray: key hash -> first line (None when not known)."""

    def __init__(self) -> None:
        self._slots = _MIN_SLOTS
        self._table = bytearray(_SLOT.size * self._slots)
        self._count = 0

    def __len__(self) -> int:
        return self._count

    def first(self, *key: str, line: int | None = None) -> tuple[bool, int | None]:
        """Remember `key` at `line` unless already seen; (seen before, the line it was first seen at)."""
        code = _hash(*key)
        offset = self._find(code)
        stored = _SLOT.unpack_from(self._table, offset)[1]
        if stored:
            return True, None if stored == _NO_LINE else stored - 1
        value = _NO_LINE if line is None or not 0 <= line < _NO_LINE - 1 else line + 1
        _SLOT.pack_into(self._table, offset, code, value)
        self._count += 1
        if self._count * 2 > self._slots:
            self._grow()
        return False, None

    def __contains__(self, key: object) -> bool:
        parts = key if isinstance(key, tuple) else (key,)
        if not all(isinstance(part, str) for part in parts):
            return False
        return bool(_SLOT.unpack_from(self._table, self._find(_hash(*parts)))[1])

    def _find(self, code: int) -> int:
        """The offset of the slot holding `code`, else of the empty slot where it belongs (linear probing)."""
        mask = self._slots - 1
        index = code & mask
        table = self._table
        while True:
            offset = index * _SLOT.size
            stored_code, stored = _SLOT.unpack_from(table, offset)
            if not stored or stored_code == code:
                return offset
            index = (index + 1) & mask

    def _grow(self) -> None:
        old = self._table
        self._slots *= 2
        self._table = bytearray(_SLOT.size * self._slots)
        for code, stored in _SLOT.iter_unpack(old):
            if stored:
                _SLOT.pack_into(self._table, self._find(code), code, stored)
