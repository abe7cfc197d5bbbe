"""Validate report data against its format schema and describe each problem structurally.

``jsonschema`` does the validation; this module turns its errors into
:class:`SchemaIssue` objects (what kind of problem, at which key path, with which
details) from which the lint rules write their messages.
"""

from __future__ import annotations

import difflib
import math
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from govreport.format.spec import FormatSpec, KeyPath


@dataclass(frozen=True)
class SchemaIssue:
    kind: str  # unknown-key | missing-key | type | range | value | not-finite
    path: KeyPath  # the offending value, or for keys the key's full path
    schema: dict[str, Any] = field(default_factory=dict, hash=False, compare=False)
    expected: Any = None
    actual: Any = None
    suggestion: str | None = None

    @property
    def is_cell(self) -> bool:
        return bool(self.schema.get("x-cell"))


_validators: dict[str, Any] = {}


def _validator(spec: FormatSpec) -> Any:
    validator = _validators.get(spec.version)
    if validator is None:
        import jsonschema

        cls = jsonschema.validators.validator_for(spec.schema)
        validator = cls(spec.schema, format_checker=jsonschema.FormatChecker(formats=["date"]))
        _validators[spec.version] = validator
    return validator


def _suggest(key: str, spec: FormatSpec, parent: KeyPath, missing: list[str]) -> str | None:
    node = spec.node(parent)
    if node is None:
        return None
    allowed = list(node.children)
    # A Chinese label typed as the key: suggest the key whose title it is.
    for child in node.children.values():
        if key in (child.title, child.title_en) or (len(key) > 1 and key in child.title):
            return child.key
    pool = missing or allowed
    close = difflib.get_close_matches(key, pool, n=1, cutoff=0.6) or difflib.get_close_matches(
        key.lower().replace("-", "_"), allowed, n=1, cutoff=0.6
    )
    return close[0] if close else None


def _walk_numbers(spec: FormatSpec, data: Any, path: KeyPath, out: list[SchemaIssue]) -> None:
    """NaN passes ``minimum`` and ``maximum``: find it in amount cells ourselves."""
    if isinstance(data, dict):
        for key, value in data.items():
            _walk_numbers(spec, value, (*path, key), out)
    elif isinstance(data, float) and math.isnan(data):
        node = spec.node(path)
        if node is not None and node.cell_kind == "amount":
            out.append(SchemaIssue("not-finite", path, node.schema, actual=data))


def _translate_cell(path: KeyPath, schema: dict[str, Any], error: Any) -> SchemaIssue:
    """A cell failed every branch of its ``anyOf`` (number, blank, unresolved): say why the
    number is wrong when it is a number, else that a number was expected."""
    instance = error.instance
    numeric = schema["anyOf"][0]
    if isinstance(instance, int | float) and not isinstance(instance, bool):
        failed = {sub.validator: sub for sub in error.context if list(sub.relative_schema_path)[:1] == [0]}
        for keyword in ("minimum", "maximum"):
            if keyword in failed and "type" not in failed:
                sub = failed[keyword]
                return SchemaIssue(
                    "range", path, schema, expected=(keyword, sub.validator_value), actual=instance
                )
    return SchemaIssue("type", path, schema, expected=numeric.get("type"), actual=instance)


def schema_issues(spec: FormatSpec, data: dict[str, Any]) -> list[SchemaIssue]:
    issues: list[SchemaIssue] = []
    for error in _validator(spec).iter_errors(data):
        issues.extend(_translate(spec, error))
    _walk_numbers(spec, data, (), issues)
    return _merge_misspellings(issues)


def _translate(spec: FormatSpec, error: Any) -> list[SchemaIssue]:
    path: KeyPath = tuple(str(p) for p in error.absolute_path)
    keyword = error.validator
    schema = error.schema if isinstance(error.schema, dict) else {}
    instance = error.instance
    if keyword == "additionalProperties" and isinstance(instance, dict):
        allowed = set(schema.get("properties", {}))
        missing = [k for k in schema.get("required", []) if k not in instance]
        return [
            SchemaIssue("unknown-key", (*path, key), schema, suggestion=_suggest(key, spec, path, missing))
            for key in instance
            if key not in allowed
        ]
    if keyword == "required" and isinstance(instance, dict):
        props = schema.get("properties", {})
        return [
            SchemaIssue("missing-key", (*path, key), props.get(key, {}))
            for key in error.validator_value
            if key not in instance
        ]
    if keyword == "anyOf" and schema.get("x-cell"):
        return [_translate_cell(path, schema, error)]
    if keyword == "type":
        return [SchemaIssue("type", path, schema, expected=error.validator_value, actual=instance)]
    if keyword in ("minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum"):
        return [
            SchemaIssue("range", path, schema, expected=(keyword, error.validator_value), actual=instance)
        ]
    return [SchemaIssue("value", path, schema, expected=(keyword, error.validator_value), actual=instance)]


def _merge_misspellings(issues: list[SchemaIssue]) -> list[SchemaIssue]:
    """A misspelt key is one problem, not two: drop the 'missing' twin of a suggested key."""
    suggested = {
        (*i.path[:-1], i.suggestion) for i in issues if i.kind == "unknown-key" and i.suggestion is not None
    }
    return [i for i in issues if not (i.kind == "missing-key" and i.path in suggested)]
