"""Objects as plain data: JSON values that name only relint's own result classes, checked
field by field against their type hints when read back.

The result cache stores a slim report with this codec (inside a packed result,
:mod:`linter.packed`) instead of pickle, because the cache lives in the linted folder: a
pickle planted there runs code when loaded, a wrong-typed one crashes the run. Here a value
that is not what the class declares is a :class:`ValueError`, which the cache treats as a miss.
"""

from __future__ import annotations

import datetime as dt
import types
import typing
from dataclasses import fields, is_dataclass
from functools import lru_cache

#: Fields never stored: derived views and objects a slim result does not carry.
_SKIPPED = {"_memo", "facts", "source", "layout", "settings", "section", "fixed_output"}


@lru_cache(maxsize=1)
def _classes() -> dict[str, type]:
    from linter.engine import FileResult
    from linter.model import (
        ElementMatch,
        ElementSpec,
        Heading,
        PageText,
        Paragraph,
        ReportKind,
        ReportSummary,
        Script,
        Span,
        TextLine,
    )
    from linter.rule import Diagnostic, Edit, Fix, Text
    from linter.sources import Places

    return {cls.__name__: cls for cls in (FileResult, ReportSummary, ReportKind, ElementSpec, ElementMatch, TextLine,
                                          Paragraph, Heading, Span, Diagnostic, Text, Fix, Edit, PageText, Script,
                                          Places)}


def plain(value):
    """``value`` as a tree of JSON values (what :func:`dumps` encodes)."""
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    if is_dataclass(value) and type(value).__name__ in _classes():
        out = {"@": type(value).__name__}
        for item in fields(value):
            if item.name not in _SKIPPED:
                out[item.name] = plain(getattr(value, item.name))
        return out
    if isinstance(value, dt.date):
        return {"@date": value.isoformat()}
    if isinstance(value, list):
        return [plain(v) for v in value]
    if isinstance(value, tuple):
        return {"@tuple": [plain(v) for v in value]}
    if isinstance(value, (set, frozenset)):
        return {"@set": sorted(plain(v) for v in value)}
    if isinstance(value, dict):
        return {"@dict": [[plain(k), plain(v)] for k, v in value.items()]}
    raise TypeError(f"cannot store a {type(value).__name__} as plain data")


def value(tree, *expected: type):
    """The instance of one of the ``expected`` classes :func:`plain` made ``tree`` of;
    ValueError when it is anything else."""
    try:
        found = _value(tree)
    except (TypeError, KeyError, AttributeError, RecursionError) as exc:
        raise ValueError(f"not a stored result: {exc!r}") from None
    if type(found) not in expected:
        raise ValueError(f"not a stored {expected[0].__name__}")
    return found


def _value(node):
    if node is None or isinstance(node, (bool, int, float, str)):
        return node
    if isinstance(node, list):
        return [_value(v) for v in node]
    if not isinstance(node, dict) or len(node) == 0:
        raise ValueError("unexpected JSON value")
    if "@" in node:
        return _instance(node)
    if len(node) != 1:
        raise ValueError("unexpected JSON object")
    [(tag, body)] = node.items()
    if tag == "@tuple" and isinstance(body, list):
        return tuple(_value(v) for v in body)
    if tag == "@set" and isinstance(body, list):
        return {_value(v) for v in body}
    if tag == "@dict" and isinstance(body, list):
        return {_value(k): _value(v) for k, v in body}
    if tag == "@date" and isinstance(body, str):
        return dt.date.fromisoformat(body)
    raise ValueError("unexpected JSON object")


def _instance(node: dict):
    cls = _classes().get(node["@"])
    if cls is None:
        raise ValueError(f"unknown class {node['@']!r}")
    hints = _hints(cls)
    values = {}
    for name, raw in node.items():
        if name == "@":
            continue
        if name not in hints or name in _SKIPPED:
            raise ValueError(f"{cls.__name__} has no stored field {name!r}")
        value = _value(raw)
        if not _fits(value, hints[name]):
            raise ValueError(f"{cls.__name__}.{name} is not a {hints[name]}")
        values[name] = value
    return cls(**values)


@lru_cache(maxsize=None)
def _hints(cls) -> dict:
    # names only imported for type checkers: a slim result never carries those objects
    from linter.sources import Places

    absent = {"Facts": type(None), "Source": type(None), "Layout": type(None), "Places": Places}
    return {item.name: typing.get_type_hints(cls, localns=absent)[item.name] for item in fields(cls)}


def _fits(value, hint) -> bool:
    return _checker(hint)(value)


@lru_cache(maxsize=None)
def _checker(hint):
    """A function telling whether a value fits ``hint``, built once per hint (reading a
    cache entry checks hundreds of values: inspecting the hint each time cost more than
    linting the file again)."""
    origin, args = typing.get_origin(hint), typing.get_args(hint)
    if hint is typing.Any or hint is object:
        return lambda value: True
    if origin in (typing.Union, types.UnionType):
        options = tuple(_checker(arg) for arg in args)
        return lambda value: any(check(value) for check in options)
    if hint is type(None) or hint is None:
        return lambda value: value is None
    if origin is list:
        if not args:
            return lambda value: isinstance(value, list)
        item = _checker(args[0])
        return lambda value: isinstance(value, list) and all(map(item, value))
    if origin is tuple:
        if len(args) == 2 and args[1] is Ellipsis:
            item = _checker(args[0])
            return lambda value: isinstance(value, tuple) and all(map(item, value))
        items = tuple(_checker(arg) for arg in args)
        return lambda value: isinstance(value, tuple) and (
            not items or (len(items) == len(value) and all(check(v) for check, v in zip(items, value))))
    if origin in (set, frozenset) or hint is frozenset or hint is set:
        return lambda value: isinstance(value, (set, frozenset))
    if origin is dict:
        key, item = _checker(args[0]), _checker(args[1])
        return lambda value: isinstance(value, dict) and all(key(k) and item(v) for k, v in value.items())
    if hint is float:
        return lambda value: isinstance(value, (int, float)) and not isinstance(value, bool)
    if hint is int:
        return lambda value: isinstance(value, int) and not isinstance(value, bool)
    if isinstance(hint, type):
        return lambda value: isinstance(value, hint)
    return lambda value: False
