"""Loading YAML data files (grading standards, pricing rules) into pydantic models,
with every error reported as ``file line N: where: what``."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any, TypeVar

import yaml
from pydantic import BaseModel, ValidationError

from app.errors import YanjiError

M = TypeVar("M", bound=BaseModel)
#: A validator may say "at rules.3.level: ..." to point at a place deeper than its own.
_POINTER = re.compile(r"at ([\w.]+):")
Path_ = tuple[str | int, ...]


class DataFileError(YanjiError):
    """A data file that cannot be used; the message names the file and line."""


def load_model(kind: type[M], path: Path) -> M:
    """Read ``path`` as YAML and validate it as ``kind``."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise DataFileError(f"cannot read {path}: {exc}") from None
    return parse_model(kind, text, str(path))


def parse_model(kind: type[M], text: str, name: str) -> M:
    """Validate YAML ``text`` (called ``name`` in messages) as ``kind``."""
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" line {mark.line + 1}" if mark is not None else ""
        problem = getattr(exc, "problem", None) or str(exc)
        raise DataFileError(f"{name}{where}: {problem}") from None
    lines: dict[Path_, int] = {}
    if node is not None:
        _collect_lines(node, (), lines)
    try:
        return kind.model_validate(data)
    except ValidationError as exc:
        messages = []
        for error in exc.errors()[:10]:
            loc = tuple(error["loc"])
            text = str(error["msg"]).removeprefix("Value error, ")
            pointed = _POINTER.match(text)
            if pointed:
                loc = (*loc, *(int(p) if p.isdigit() else p for p in pointed[1].split(".")))
                text = text[pointed.end() :].strip()
            line = _line_for(loc, lines)
            where = ".".join(str(p) for p in loc) or "(top level)"
            messages.append(f"{name} line {line}: {where}: {text}")
        raise DataFileError("\n".join(messages)) from None


def _collect_lines(node: yaml.Node, path: Path_, lines: dict[Path_, int]) -> None:
    lines[path] = node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            _collect_lines(value, (*path, str(key.value)), lines)
            lines[(*path, str(key.value))] = key.start_mark.line + 1
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            _collect_lines(item, (*path, index), lines)


def _line_for(loc: tuple[Any, ...], lines: dict[Path_, int]) -> int:
    for end in range(len(loc), -1, -1):
        key = tuple(str(p) if not isinstance(p, int) else p for p in loc[:end])
        if key in lines:
            return lines[key]
    return 1
