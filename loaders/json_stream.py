"""JSON project lists read one item at a time: a JSON array, {"projects": [...]}, or JSON Lines.

The file is decoded and parsed incrementally, so memory is bounded by the largest item (at most
MAX_RECORD_BYTES), never by the file; every way the file can go wrong becomes a `JsonTrouble` at its line.
"""

from __future__ import annotations

import codecs
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO

from loaders.limits import MAX_JSON_DOCUMENT_KEYS, MAX_RECORD_BYTES, megabytes

__all__ = ["JsonItem", "JsonTrouble", "json_items"]

_CHUNK = 65_536
_SPACE = re.compile(r"[ \t\r\n]*")


@dataclass(frozen=True)
class JsonItem:
    line: int
    index: int
    value: Any


@dataclass(frozen=True)
class JsonTrouble:
    """The file stops being readable at `line`; what came before it was read."""

    line: int
    field: str
    reason: str


class _Stop(Exception):
    def __init__(self, field: str, reason: str) -> None:
        self.field = field
        self.reason = reason


class _Reader:
    """A window on the decoded text: grows by chunks as items need it, forgets what was consumed."""

    def __init__(self, handle: BinaryIO) -> None:
        self.handle = handle
        self.decoder = codecs.getincrementaldecoder("utf-8-sig")()
        self.decoder_json = json.JSONDecoder()
        self.text = ""
        self.position = 0
        self.window_line = 1
        """The line of text[0]."""
        self._counted = 0
        self._line = 1
        """The line of text[_counted]; lines are counted forwards only, so a million items cost one pass."""
        self.eof = False

    def _more(self) -> bool:
        if self.eof:
            return False
        raw = self.handle.read(_CHUNK)
        line = self.where()
        try:
            decoded = self.decoder.decode(raw, final=not raw)
        except UnicodeDecodeError as error:
            raise _Stop(
                "encoding",
                f"is not UTF-8 text (byte 0x{raw[error.start]:02x} near line {line}); save the file as "
                "UTF-8 and load it again",
            ) from None
        self.eof = not raw
        self._forget()
        self.text += decoded
        return True

    def _forget(self) -> None:
        self.window_line = self.where()
        self.text = self.text[self.position :]
        self.position = self._counted = 0
        self._line = self.window_line

    def skip_space(self) -> None:
        while True:
            self.position = _SPACE.match(self.text, self.position).end()  # type: ignore[union-attr]
            if self.position < len(self.text) or not self._more():
                return

    def peek(self) -> str:
        self.skip_space()
        return self.text[self.position] if self.position < len(self.text) else ""

    def take(self, expected: str, what: str) -> None:
        found = self.peek()
        if found != expected:
            shown = repr(found) if found else "the end of the file"
            raise _Stop("file", f"is not valid JSON (expected {what}, found {shown})")
        self.position += 1

    def where(self) -> int:
        """The line of the current position."""
        if self.position > self._counted:
            self._line += self.text.count("\n", self._counted, self.position)
            self._counted = self.position
        return self._line

    def value(self) -> Any:
        """The next JSON value, reading more of the file until it is complete (at most MAX_RECORD_BYTES)."""
        self.skip_space()
        while True:
            try:
                item, end = self.decoder_json.raw_decode(self.text, self.position)
            except json.JSONDecodeError as error:
                if len(self.text) - self.position > MAX_RECORD_BYTES:
                    raise _Stop(
                        "file",
                        f"holds an item that is not valid JSON within {megabytes(MAX_RECORD_BYTES)} "
                        f"({error.msg}); a project object is far smaller: fix the file",
                    ) from None
                if self._more():
                    continue
                line = self.window_line + error.lineno - 1
                raise _Stop("file", f"is not valid JSON ({error.msg} at line {line})") from None
            except RecursionError:
                raise _Stop(
                    "file", "nests arrays or objects too deeply to be project records; fix the file"
                ) from None
            # A number at the end of the window may go on in the next chunk ("12" of "1234").
            if end == len(self.text) and not self.eof and self._more():
                continue
            self.position = end
            return item


def json_items(path: Path, lines: bool) -> Iterator[JsonItem | JsonTrouble]:
    """The items of a JSON project list (or, with `lines`, of JSON Lines), each with its line."""
    with path.open("rb") as handle:
        reader = _Reader(handle)
        index = read = 0
        try:
            first = reader.peek()
            if lines:
                while reader.peek():
                    line = reader.where()
                    index += 1
                    yield JsonItem(line, index, reader.value())
                    read += 1
                return
            if first == "{":
                found = _find_projects(reader)
                if not found:
                    raise _Stop("file", 'is not a JSON array of projects nor {"projects": [...]}')
            elif first != "[":
                raise _Stop("file", "is not a JSON array of project objects")
            reader.take("[", "[")
            if reader.peek() == "]":
                return
            while True:
                reader.skip_space()
                line = reader.where()
                index += 1
                yield JsonItem(line, index, reader.value())
                read += 1
                following = reader.peek()
                if following == "]":
                    return
                reader.take(",", "',' or ']' after an item")
        except _Stop as stop:
            after = f"; the {read} items before it were read, the rest was not" if read else ""
            yield JsonTrouble(reader.where(), stop.field, stop.reason + after)


def _find_projects(reader: _Reader) -> bool:
    """Move into {"projects": ...} up to the value of `projects`; False when the document has none."""
    reader.take("{", "{")
    for _ in range(MAX_JSON_DOCUMENT_KEYS):
        if reader.peek() == "}":
            return False
        key = reader.value()
        if not isinstance(key, str):
            raise _Stop("file", "is not valid JSON (an object key is not a string)")
        reader.take(":", "':' after a key")
        if key == "projects":
            if reader.peek() != "[":
                raise _Stop("file", '"projects" is not a JSON array of project objects')
            return True
        reader.value()
        if reader.peek() == ",":
            reader.take(",", ",")
    return False
