"""Build a new year's report: every section present, tables zero, guidance placeholders.

With last year's report, carry over what the format's rules carry over: the organ and its
contact details, 上年结转 ← last year's 结转下年度继续办理 (column by column) and
现行有效件数 ← last year's 现行有效件数.  No narrative is copied.
"""

from __future__ import annotations

import copy
import datetime as _dt
import tomllib
from dataclasses import dataclass, field
from typing import Any

from govreport.format.spec import FormatSpec, KeyPath, Node
from govreport.report.document import ReportDocument
from govreport.resources import data_dir

# What the format's rules carry from year Y-1 into year Y: (path in Y) <- (path in Y-1).
# Expressed with the schema's own keys; the carry-over of whole rows is column by column.
CARRY_OVER: tuple[tuple[str, str], ...] = (
    ("requests.carried_over", "requests.carry_forward"),
    ("proactive.item_1.rules.in_force", "proactive.item_1.rules.in_force"),
    ("proactive.item_1.normative_documents.in_force", "proactive.item_1.normative_documents.in_force"),
)
CARRY_FIELDS: tuple[str, ...] = ("report.organ", "report.level", "report.website", "report.contact")


@dataclass
class Scaffold:
    data: dict[str, Any]
    notes: list[str] = field(default_factory=list)  # what was carried over, or could not be


def load_guidance(spec: FormatSpec) -> dict[str, Any]:
    path = data_dir("scaffolds") / f"format-{spec.version}.toml"
    with path.open("rb") as fh:
        return tomllib.load(fh)


def _split(path: str) -> KeyPath:
    return tuple(path.split("."))


def _empty(node: Node, guidance: Any) -> Any:
    if node.is_object:
        sub = guidance if isinstance(guidance, dict) else {}
        return {
            key: _empty(child, sub.get(key)) for key, child in node.children.items() if _wanted(child, sub)
        }
    if node.cell_kind:
        return 0
    if guidance is not None:
        return guidance
    return ""


def _wanted(node: Node, guidance: dict[str, Any]) -> bool:
    """Required keys, and optional ones the guidance mentions, go into a new file."""
    parent = node.parent
    return parent is None or node.key in parent.required or node.key in guidance


def _set(data: dict[str, Any], path: KeyPath, value: Any) -> None:
    node = data
    for part in path[:-1]:
        node = node.setdefault(part, {})
    node[path[-1]] = value


def new_report(
    spec: FormatSpec,
    *,
    year: int,
    organ: str | None,
    level: str | None = None,
    previous: ReportDocument | None = None,
) -> Scaffold:
    guidance = load_guidance(spec)
    data: dict[str, Any] = {"format": spec.version}
    for key, node in spec.root.children.items():
        if key != "format":
            data[key] = _empty(node, guidance.get(key))
    report = data["report"]
    report["year"] = year
    report["period_start"] = _dt.date(year, 1, 1)
    report["period_end"] = _dt.date(year, 12, 31)
    scaffold = Scaffold(data)
    if previous is not None:
        _carry_over(spec, scaffold, previous)
    if organ:
        report["organ"] = organ
    if level:
        report["level"] = level
    _order_like_schema(spec, data)
    return scaffold


def _carry_over(spec: FormatSpec, scaffold: Scaffold, previous: ReportDocument) -> None:
    data = scaffold.data
    marker = spec.placeholder_marker
    for dotted in CARRY_FIELDS:
        path = _split(dotted)
        value = previous.get(path)
        if value is None:
            continue
        if isinstance(value, dict):
            value = {k: v for k, v in value.items() if not (isinstance(v, str) and marker in v)}
            merged = copy.deepcopy(_get(data, path) or {})
            merged.update(value)
            value = merged
        elif isinstance(value, str) and marker in value:
            continue
        _set(data, path, copy.deepcopy(value))
    last_year = previous.year
    for target, source in CARRY_OVER:
        tpath, spath = _split(target), _split(source)
        node = spec.node(tpath)
        if node is None:
            continue
        cells = [c for c in node.walk() if c.cell_kind] if node.is_object else [node]
        for cell in cells:
            rel = cell.path[len(tpath) :]
            value = previous.get(spath + rel)
            if isinstance(value, int) and not isinstance(value, bool) and value >= 0:
                _set(data, cell.path, value)
            else:
                scaffold.notes.append(
                    f"上年报告中「{spec.describe(spath + rel)}」缺失或无效，本年「{spec.describe(cell.path)}」填为 0"
                )
    if last_year is not None:
        scaffold.notes.append(
            f"已从 {last_year} 年报告结转：机关信息、联系方式、上年结转申请数、现行有效件数"
        )


def _get(data: dict[str, Any], path: KeyPath) -> Any:
    node: Any = data
    for part in path:
        if not isinstance(node, dict) or part not in node:
            return None
        node = node[part]
    return node


def _order_like_schema(spec: FormatSpec, data: dict[str, Any]) -> None:
    def order(node: Node, value: dict[str, Any]) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for key, child in node.children.items():
            if key in value:
                out[key] = (
                    order(child, value[key])
                    if child.is_object and isinstance(value[key], dict)
                    else value[key]
                )
        for key, v in value.items():  # keys the schema does not know stay, at the end
            out.setdefault(key, v)
        return out

    ordered = order(spec.root, data)
    data.clear()
    data.update(ordered)
