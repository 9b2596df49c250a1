"""Conversion of :mod:`narrascope.models` dataclasses to and from JSON-ready dicts."""

from __future__ import annotations

import dataclasses
import json
import types
import typing
from collections.abc import Callable, Hashable
from functools import cache
from typing import Any, TypeVar, Union, get_args, get_origin

from narrascope import models

T = TypeVar("T")


PLAIN = (str, int, float, bool, type(None))


def to_dict(obj: Any) -> Any:
    """Turn a dataclass (or list/tuple of them) into plain JSON-ready values."""
    if isinstance(obj, PLAIN):
        return obj
    names = _field_names(typing.cast(Hashable, type(obj)))
    if names is not None:
        if isinstance(obj, models.OffsetMap):
            return [list(seg) for seg in obj.segments]
        return {name: to_dict(getattr(obj, name)) for name in names}
    if isinstance(obj, list | tuple):
        return [to_dict(item) for item in obj]
    if isinstance(obj, dict):
        return {key: to_dict(value) for key, value in obj.items()}
    return obj


def dumps(obj: Any) -> str:
    """Compact JSON of a dataclass or list of dataclasses."""
    return json.dumps(to_dict(obj), ensure_ascii=False, separators=(",", ":"))


@cache
def _field_names(cls: type) -> tuple[str, ...] | None:
    """Field names of a dataclass type (``None`` for other types)."""
    if dataclasses.is_dataclass(cls):
        return tuple(f.name for f in dataclasses.fields(cls))
    return None


@cache
def _hints(cls: type) -> dict[str, Any]:
    return typing.get_type_hints(cls, vars(models))


def from_dict(cls: type[T], data: Any) -> T:
    """Rebuild a dataclass of type ``cls`` from :func:`to_dict` output."""
    return typing.cast(T, _converter(typing.cast(Hashable, cls))(data))


Converter = Callable[[Any], Any]


def _identity(value: Any) -> Any:
    return value


@cache
def _converter(tp: Any) -> Converter:
    """A function converting JSON values to ``tp``, built once per type (fast on hot paths)."""
    origin = get_origin(tp)
    if origin in (Union, types.UnionType):
        options = [arg for arg in get_args(tp) if arg is not type(None)]
        return _optional(_converter(options[0])) if len(options) == 1 else _identity
    if tp is models.OffsetMap:
        return _optional(lambda value: models.OffsetMap(tuple(tuple(seg) for seg in value)))
    if dataclasses.is_dataclass(tp) and isinstance(tp, type):
        return _optional(_dataclass_converter(tp))
    if origin is tuple:
        args = get_args(tp)
        if len(args) == 2 and args[1] is Ellipsis:
            item = _converter(args[0])
            return _optional(lambda value: tuple(item(v) for v in value))
        parts = [_converter(arg) for arg in args]
        return _optional(
            lambda value: tuple(conv(v) for conv, v in zip(parts, value, strict=False))
        )
    if origin is list:
        (arg,) = get_args(tp)
        item = _converter(arg)
        if item is _identity:
            return _optional(list)
        return _optional(lambda value: [item(v) for v in value])
    return _identity


def _optional(convert: Converter) -> Converter:
    def maybe(value: Any) -> Any:
        return None if value is None else convert(value)

    return maybe


def _dataclass_converter(cls: type) -> Converter:
    hints = _hints(cls)
    fields = [(f.name, _converter(hints[f.name])) for f in dataclasses.fields(cls)]
    plain = tuple(name for name, conv in fields if conv is _identity)
    nested = tuple((name, conv) for name, conv in fields if conv is not _identity)

    def convert(value: Any) -> Any:
        kwargs = {name: value[name] for name in plain if name in value}
        for name, conv in nested:
            if name in value:
                kwargs[name] = conv(value[name])
        return cls(**kwargs)

    return convert
