"""Conversion of :mod:`narrascope.models` dataclasses to and from JSON-ready dicts."""

from __future__ import annotations

import dataclasses
import json
import types
import typing
from functools import cache
from typing import Any, TypeVar, Union, get_args, get_origin

from narrascope import models

T = TypeVar("T")


def to_dict(obj: Any) -> Any:
    """Turn a dataclass (or list/tuple of them) into plain JSON-ready values."""
    if dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        if isinstance(obj, models.OffsetMap):
            return [list(seg) for seg in obj.segments]
        return {f.name: to_dict(getattr(obj, f.name)) for f in dataclasses.fields(obj)}
    if isinstance(obj, list | tuple):
        return [to_dict(item) for item in obj]
    if isinstance(obj, dict):
        return {key: to_dict(value) for key, value in obj.items()}
    return obj


def dumps(obj: Any) -> str:
    """Compact JSON of a dataclass or list of dataclasses."""
    return json.dumps(to_dict(obj), ensure_ascii=False, separators=(",", ":"))


@cache
def _hints(cls: type) -> dict[str, Any]:
    return typing.get_type_hints(cls, vars(models))


def from_dict(cls: type[T], data: Any) -> T:
    """Rebuild a dataclass of type ``cls`` from :func:`to_dict` output."""
    return typing.cast(T, _convert(cls, data))


def _convert(tp: Any, value: Any) -> Any:
    if value is None:
        return None
    origin = get_origin(tp)
    if origin in (Union, types.UnionType):
        options = [arg for arg in get_args(tp) if arg is not type(None)]
        return _convert(options[0], value) if len(options) == 1 else value
    if tp is models.OffsetMap:
        return models.OffsetMap(tuple(tuple(seg) for seg in value))
    if dataclasses.is_dataclass(tp) and isinstance(tp, type):
        hints = _hints(tp)
        kwargs = {
            f.name: _convert(hints[f.name], value[f.name])
            for f in dataclasses.fields(tp)
            if f.name in value
        }
        return tp(**kwargs)
    if origin is tuple:
        args = get_args(tp)
        if len(args) == 2 and args[1] is Ellipsis:
            return tuple(_convert(args[0], item) for item in value)
        return tuple(_convert(arg, item) for arg, item in zip(args, value, strict=False))
    if origin is list:
        (arg,) = get_args(tp)
        return [_convert(arg, item) for item in value]
    return value
