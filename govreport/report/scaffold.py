"""Build a new year's report: every section present, tables zero, guidance placeholders.

With last year's report, carry over what the format's rules carry over: the organ and its
contact details, 上年结转 ← last year's 结转下年度继续办理 (column by column) and
现行有效件数 ← last year's 现行有效件数.  No narrative is copied.
"""

from __future__ import annotations

import copy
import datetime as _dt
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from govreport import toml
from govreport.format.spec import FormatSpec, KeyPath, Node
from govreport.i18n import current_lang, t
from govreport.report.document import ReportDocument


@dataclass
class Scaffold:
    data: dict[str, Any]
    notes: list[str] = field(default_factory=list)  # what was carried over, or could not be


def load_guidance(spec: FormatSpec) -> dict[str, Any]:
    with spec.scaffold_path.open("rb") as fh:
        return toml.load(fh)


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


def relative_ref(previous: str | os.PathLike[str], new_file: str | os.PathLike[str] | None) -> str:
    """*previous* as written in the new file: relative to the new file's directory (the current
    directory for standard output), with forward slashes."""
    start = Path(new_file).resolve().parent if new_file else Path.cwd()
    try:
        rel = os.path.relpath(Path(previous).resolve(), start)
    except ValueError:  # another drive (Windows)
        rel = str(Path(previous).resolve())
    return Path(rel).as_posix()


def new_report(
    spec: FormatSpec,
    *,
    year: int,
    organ: str | None,
    level: str | None = None,
    previous: ReportDocument | None = None,
    previous_ref: str | None = None,
) -> Scaffold:
    """A new year's report; *previous_ref* (last year's file, relative to the new file's
    directory) is recorded as ``[report] previous`` for lint's cross-year rules."""
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
    if previous_ref and spec.node(("report", "previous")) is not None:
        report["previous"] = previous_ref
    _order_like_schema(spec, data)
    return scaffold


def _carry_over(spec: FormatSpec, scaffold: Scaffold, previous: ReportDocument) -> None:
    """Take from last year what the schema's ``x-previous-year`` says is carried over."""
    data = scaffold.data
    marker = spec.placeholder_marker
    for path in spec.carry_fields:
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
    for carry in spec.carry_over:
        value = previous.get(carry.last)
        if isinstance(value, int) and not isinstance(value, bool) and value >= 0:
            _set(data, carry.this, value)  # this year's plus/minus cells are still 0
        else:
            lang = current_lang()
            last, this = spec.describe(carry.last, lang), spec.describe(carry.this, lang)
            scaffold.notes.append(
                t(
                    f"上年报告中「{last}」缺失或无效，本年「{this}」填为 0",
                    f"“{last}” is missing or invalid in last year's report; this year's “{this}” is 0",
                )
            )
    if previous.year is not None:
        scaffold.notes.append(
            t(
                f"已从 {previous.year} 年报告结转：机关信息、联系方式、上年结转申请数、现行有效件数",
                f"Carried over from the {previous.year} report: the organ, the contact, the applications "
                "carried over and the documents in force",
            )
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
