"""Validate report data against its format schema and describe each problem structurally.

Two validators implement the same JSON Schema: ``jsonschema-rs`` (fast to import and to run,
used by default so that ``govreport lint`` starts quickly in a pre-commit hook) and the
reference ``jsonschema`` (``GOVREPORT_VALIDATOR=python``, and in the tests, which check that
both report the same issues).  Their errors become :class:`SchemaIssue` objects (what kind of
problem, at which key path, with which details) from which the lint rules write messages.
"""

from __future__ import annotations

import datetime as _dt
import math
import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from govreport.format.spec import FormatSpec, KeyPath, Node

I64_MAX = 2**63 - 1
I64_MIN = -(2**63)
_NONFINITE = None  # fails every type the schema allows


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

    def key(self) -> tuple[str, KeyPath, str]:
        """What identifies the issue independently of the validator that found it."""
        return (self.kind, self.path, repr(self.expected))


def backend() -> str:
    """``"rs"`` (jsonschema-rs) unless it is missing or ``GOVREPORT_VALIDATOR=python``."""
    if os.environ.get("GOVREPORT_VALIDATOR", "").lower() in ("python", "py", "jsonschema"):
        return "python"
    try:
        import jsonschema_rs  # noqa: F401
    except ImportError:  # pragma: no cover - the dependency is declared; a broken wheel falls back
        return "python"
    return "rs"


def schema_issues(spec: FormatSpec, data: dict[str, Any], *, using: str | None = None) -> list[SchemaIssue]:
    safe, replaced, floats = _json_safe(data)
    if (using or backend()) == "rs":
        issues = list(_rs_issues(spec, safe, replaced))
    else:
        issues = list(_py_issues(spec, safe, replaced))
    if floats:  # a document without a float has none where an integer is wanted
        issues += _floats_for_integers(spec, data, {i.path for i in issues})
    return _merge_misspellings(issues) if issues else issues


def _wants_integer(schema: dict[str, Any]) -> bool:
    if schema.get("x-cell"):
        branches = schema.get("anyOf") or [{}]
        schema = branches[0]
    types = schema.get("type")
    types = types if isinstance(types, list) else [types]
    return "integer" in types and "number" not in types


def _integer_rows(spec: FormatSpec) -> tuple[tuple[KeyPath, tuple[tuple[str, Node], ...]], ...]:
    """The nodes whose schema wants an integer, in schema order, in runs that share a parent:
    (parent path, ((key, node), …)).  Found once per format."""
    rows = _integer_rows_cache.get(spec.version)
    if rows is None or rows[0] is not spec:
        runs: list[tuple[KeyPath, list[tuple[str, Node]]]] = []
        for node in spec.nodes():
            if node.path and _wants_integer(node.schema):
                parent = node.path[:-1]
                if not runs or runs[-1][0] != parent:
                    runs.append((parent, []))
                runs[-1][1].append((node.key, node))
        rows = (spec, tuple((parent, tuple(keys)) for parent, keys in runs))
        _integer_rows_cache[spec.version] = rows
    return rows[1]


_integer_rows_cache: dict[
    str, tuple[FormatSpec, tuple[tuple[KeyPath, tuple[tuple[str, Node], ...]], ...]]
] = {}


def _dict_at(data: dict[str, Any], path: KeyPath) -> dict[str, Any] | None:
    node: Any = data
    for part in path:
        if not isinstance(node, dict) or part not in node:
            return None
        node = node[part]
    return node if isinstance(node, dict) else None


def _floats_for_integers(spec: FormatSpec, data: dict[str, Any], seen: set[KeyPath]) -> list[SchemaIssue]:
    """TOML floats where the schema wants an integer (``year = 2024.0``, ``person = 14.0``).

    JSON has one number type, so a JSON Schema validator takes 2024.0 for an integer; TOML
    has two, and a float is not what the format asks for.  (Infinities and NaN are already
    reported; they are not repeated.)"""
    out: list[SchemaIssue] = []
    for parent, keys in _integer_rows(spec):
        value = _dict_at(data, parent)
        if value is None:
            continue
        for key, child in keys:
            item = value.get(key)
            if isinstance(item, float) and math.isfinite(item) and child.path not in seen:
                out.append(SchemaIssue("type", child.path, child.schema, expected="integer", actual=item))
    return out


# -- values JSON cannot carry -----------------------------------------------------------------


def _json_safe(data: Any, path: KeyPath = ()) -> tuple[Any, dict[KeyPath, Any], bool]:
    """*data* as JSON: dates and times as ISO strings, NaN, infinities and integers beyond 64
    bits replaced (a JSON validator cannot take them), and the replaced values by path so that
    issues report what the file says; last, whether *data* holds a float anywhere.

    The common case (nothing to replace but dates) takes one fast pass that tracks no paths;
    only a document with an unusable number is walked again, keeping track of where it is.
    """
    unusable = False
    floats = False

    def fast(value: Any) -> Any:
        nonlocal unusable, floats
        kind = type(value)
        if kind is dict:
            out = {}
            for k, v in value.items():  # the scalars inline: most values are strings and ints
                vkind = type(v)
                if vkind is str or vkind is bool:
                    out[k] = v
                elif vkind is int:
                    if not I64_MIN <= v <= I64_MAX:
                        unusable = True
                    out[k] = v
                else:
                    out[k] = fast(v)
            return out
        if kind is str or kind is bool:
            return value
        if kind is int:
            if not I64_MIN <= value <= I64_MAX:
                unusable = True
            return value
        if kind is float:
            floats = True
            if value != value or value in (math.inf, -math.inf):
                unusable = True
            return value
        if kind is list:
            return [fast(v) for v in value]
        if isinstance(value, _dt.date | _dt.time):
            return value.isoformat()
        return value

    safe = fast(data)
    if not unusable:
        return safe, {}, floats
    replaced: dict[KeyPath, Any] = {}

    def walk(value: Any, here: KeyPath) -> Any:
        if isinstance(value, dict):
            return {k: walk(v, (*here, k)) for k, v in value.items()}
        if isinstance(value, list):
            return [walk(v, here) for v in value]
        if isinstance(value, float) and not math.isfinite(value):
            replaced[here] = value
            return _NONFINITE
        if isinstance(value, int) and not isinstance(value, bool) and not I64_MIN <= value <= I64_MAX:
            replaced[here] = value
            return I64_MAX if value > 0 else I64_MIN
        return value

    return walk(safe, path), replaced, floats


def _restore(issue: SchemaIssue, replaced: dict[KeyPath, Any]) -> SchemaIssue:
    if issue.path not in replaced or issue.kind in ("unknown-key", "missing-key"):
        return issue  # an unknown key is unknown whatever its value (also inf or nan)
    original = replaced[issue.path]
    if isinstance(original, float):  # NaN or an infinity: a number, but not a usable one
        kind = "not-finite" if issue.is_cell else "type"
        return SchemaIssue(kind, issue.path, issue.schema, issue.expected, original, issue.suggestion)
    return SchemaIssue(issue.kind, issue.path, issue.schema, issue.expected, original, issue.suggestion)


# -- shared translation --------------------------------------------------------------------------


def _suggest(key: str, spec: FormatSpec, parent: KeyPath, missing: list[str]) -> str | None:
    import difflib

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


def _unknown_keys(
    spec: FormatSpec, path: KeyPath, schema: dict[str, Any], instance: Any
) -> list[SchemaIssue]:
    if not isinstance(instance, dict):
        return []
    from govreport.limits import MAX_SUGGESTIONS_PER_TABLE

    allowed = set(schema.get("properties", {}))
    missing = [k for k in schema.get("required", []) if k not in instance]
    unknown = [key for key in instance if key not in allowed]
    # A did-you-mean costs a fuzzy match against every key of the table; a table with
    # thousands of unknown keys gets one for its first ones only (lint stays fast).
    return [
        SchemaIssue(
            "unknown-key",
            (*path, key),
            schema,
            suggestion=_suggest(key, spec, path, missing) if i < MAX_SUGGESTIONS_PER_TABLE else None,
        )
        for i, key in enumerate(unknown)
    ]


def _missing_keys(path: KeyPath, schema: dict[str, Any], instance: Any) -> list[SchemaIssue]:
    if not isinstance(instance, dict):
        return []
    props = schema.get("properties", {})
    return [
        SchemaIssue("missing-key", (*path, key), props.get(key, {}))
        for key in schema.get("required", [])
        if key not in instance
    ]


def _cell_issue(path: KeyPath, schema: dict[str, Any], instance: Any, failed: dict[str, Any]) -> SchemaIssue:
    """A cell failed every branch of its ``anyOf`` (number, blank, unresolved): say why the
    number is wrong when it is a number, else that a number was expected.  *failed* maps the
    keywords the number branch failed to their limits."""
    numeric = schema["anyOf"][0]
    if isinstance(instance, int | float) and not isinstance(instance, bool) and "type" not in failed:
        for keyword in ("minimum", "maximum"):
            if keyword in failed:
                return SchemaIssue(
                    "range", path, schema, expected=(keyword, failed[keyword]), actual=instance
                )
    return SchemaIssue("type", path, schema, expected=numeric.get("type"), actual=instance)


def _merge_misspellings(issues: list[SchemaIssue]) -> list[SchemaIssue]:
    """A misspelt key is one problem, not two: drop the 'missing' twin of a suggested key."""
    suggested = {
        (*i.path[:-1], i.suggestion) for i in issues if i.kind == "unknown-key" and i.suggestion is not None
    }
    return [i for i in issues if not (i.kind == "missing-key" and i.path in suggested)]


# -- jsonschema-rs ---------------------------------------------------------------------------------

_rs_validators: dict[str, Any] = {}


def _rs_validator(spec: FormatSpec) -> Any:
    validator = _rs_validators.get(spec.version)
    if validator is None:
        import jsonschema_rs

        validator = jsonschema_rs.validator_for(spec.schema, validate_formats=True)
        _rs_validators[spec.version] = validator
    return validator


def _schema_at(spec: FormatSpec, pointer: list[Any]) -> dict[str, Any]:
    node: Any = spec.schema
    for part in pointer:
        node = node[part] if isinstance(node, dict) else node[int(part)]
    return node if isinstance(node, dict) else {}


def _rs_issues(spec: FormatSpec, data: Any, replaced: dict[KeyPath, Any]) -> Iterator[SchemaIssue]:
    for error in _rs_validator(spec).iter_errors(data):
        path: KeyPath = tuple(str(p) for p in error.instance_path)
        schema_path = list(error.schema_path)
        schema = _schema_at(spec, schema_path[:-1])
        instance = _instance_at(data, path)
        kind = error.kind
        name = kind.name
        if name == "additionalProperties":
            issues = _unknown_keys(spec, path, schema, instance)
        elif name == "required":
            issues = _missing_keys(path, schema, instance)
        elif name == "anyOf" and schema.get("x-cell"):
            failed: dict[str, Any] = {}
            for sub in kind.context[0] if kind.context else []:
                keyword = sub.kind.name
                failed[keyword] = sub.kind.as_dict().get("limit")
            issues = [_cell_issue(path, schema, instance, failed)]
        elif name == "type":
            types = kind.as_dict().get("types", [])
            expected = types[0] if len(types) == 1 else list(types)
            issues = [SchemaIssue("type", path, schema, expected=expected, actual=instance)]
        elif name in ("minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum"):
            issues = [
                SchemaIssue(
                    "range", path, schema, expected=(name, kind.as_dict().get("limit")), actual=instance
                )
            ]
        else:
            value = schema.get(name)
            issues = [SchemaIssue("value", path, schema, expected=(_keyword(name), value), actual=instance)]
        for issue in issues:
            yield _restore(issue, replaced)


def _keyword(name: str) -> str:
    return {"constant": "const"}.get(name, name)


def _instance_at(data: Any, path: KeyPath) -> Any:
    node = data
    for part in path:
        if isinstance(node, dict):
            node = node.get(part)
        else:
            return None
    return node


# -- jsonschema (the reference) ------------------------------------------------------------------

_py_validators: dict[str, Any] = {}


def _py_validator(spec: FormatSpec) -> Any:
    validator = _py_validators.get(spec.version)
    if validator is None:
        import jsonschema

        cls = jsonschema.validators.validator_for(spec.schema)
        validator = cls(spec.schema, format_checker=jsonschema.FormatChecker(formats=["date"]))
        _py_validators[spec.version] = validator
    return validator


def _py_issues(spec: FormatSpec, data: Any, replaced: dict[KeyPath, Any]) -> Iterator[SchemaIssue]:
    for error in _py_validator(spec).iter_errors(data):
        path: KeyPath = tuple(str(p) for p in error.absolute_path)
        keyword = error.validator
        schema = error.schema if isinstance(error.schema, dict) else {}
        instance = error.instance
        if keyword == "additionalProperties":
            issues = _unknown_keys(spec, path, schema, instance)
        elif keyword == "required":
            issues = _missing_keys(path, schema, instance)
        elif keyword == "anyOf" and schema.get("x-cell"):
            failed = {
                sub.validator: sub.validator_value
                for sub in error.context
                if list(sub.relative_schema_path)[:1] == [0]
            }
            issues = [_cell_issue(path, schema, instance, failed)]
        elif keyword == "type":
            issues = [SchemaIssue("type", path, schema, expected=error.validator_value, actual=instance)]
        elif keyword in ("minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum"):
            issues = [
                SchemaIssue("range", path, schema, expected=(keyword, error.validator_value), actual=instance)
            ]
        else:
            issues = [
                SchemaIssue("value", path, schema, expected=(keyword, error.validator_value), actual=instance)
            ]
        for issue in issues:
            yield _restore(issue, replaced)
