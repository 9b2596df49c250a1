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
    encode = _encoder(typing.cast(Hashable, type(obj)))
    if encode is not None:
        return encode(obj)
    if isinstance(obj, list | tuple):
        return [to_dict(item) for item in obj]
    if isinstance(obj, dict):
        return {key: to_dict(value) for key, value in obj.items()}
    return obj


Encoder = Callable[[Any], Any]


@cache
def _encoder(cls: type) -> Encoder | None:
    """The dict builder of a dataclass type, built once (``None`` for other types).

    Fields whose type hint allows only plain values are copied as they are, and
    sequences of plain values become lists: no call per value on hot paths.
    """
    if not dataclasses.is_dataclass(cls):
        return None
    if cls is models.OffsetMap:
        return lambda obj: [list(seg) for seg in obj.segments]
    hints = _hints(cls)
    fields = tuple((f.name, _field_encoder(hints[f.name])) for f in dataclasses.fields(cls))

    def encode(obj: Any) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for name, field_encoder in fields:
            value = getattr(obj, name)
            out[name] = value if field_encoder is None or value is None else field_encoder(value)
        return out

    return encode


def _field_encoder(tp: Any) -> Encoder | None:
    """How a field of type ``tp`` is encoded; ``None``: copied as it is (plain values)."""
    if _is_plain(tp):
        return None
    origin = get_origin(tp)
    if origin in (Union, types.UnionType):
        options = [arg for arg in get_args(tp) if arg is not type(None)]
        return _field_encoder(options[0]) if len(options) == 1 else to_dict
    if isinstance(tp, type) and dataclasses.is_dataclass(tp):
        return _encoder(tp)
    if origin in (list, tuple):
        args = [arg for arg in get_args(tp) if arg is not Ellipsis]
        if args and all(_is_plain(arg) for arg in args):
            return list
        if len(args) == 1 and isinstance(args[0], type) and dataclasses.is_dataclass(args[0]):
            item = _encoder(args[0])
            if item is not None:
                return lambda values: [item(value) for value in values]
    return to_dict


def _is_plain(tp: Any) -> bool:
    if tp in PLAIN:
        return True
    if get_origin(tp) in (Union, types.UnionType):
        return all(arg in PLAIN for arg in get_args(tp))
    return False


def dumps(obj: Any) -> str:
    """Compact JSON of a dataclass or list of dataclasses."""
    return json.dumps(to_dict(obj), ensure_ascii=False, separators=(",", ":"))


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
