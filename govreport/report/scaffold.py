"""Build a new year's report: every section present, tables zero, guidance placeholders.

With last year's report, what :mod:`govreport.format.carry` says is carried over (from the
schema's ``x-previous-year``) is put in the file.
"""

from __future__ import annotations

import copy
import datetime as _dt
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from govreport import toml
from govreport.format.carry import carried_from
from govreport.format.spec import FormatSpec, Node
from govreport.report.document import ReportDocument, get_in, set_in


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
    at = spec.preamble_path
    set_in(data, at("year"), year)
    set_in(data, at("period_start"), _dt.date(year, 1, 1))
    set_in(data, at("period_end"), _dt.date(year, 12, 31))
    scaffold = Scaffold(data)
    if previous is not None:
        _carry_over(spec, scaffold, previous)
    if organ:
        set_in(data, at("organ"), organ)
    if level:
        set_in(data, at("level"), level)
    if previous_ref and spec.preamble_field("previous") is not None:
        set_in(data, at("previous"), previous_ref)
    _order_like_schema(spec, data)
    return scaffold


def _carry_over(spec: FormatSpec, scaffold: Scaffold, previous: ReportDocument) -> None:
    """Put in the new report what :func:`~govreport.format.carry.carried_from` takes from last year."""
    carried = carried_from(spec, previous.get, previous.year)
    for path, value in carried.values:
        if isinstance(value, dict):  # merged into the new report's table (its guidance kept)
            merged = copy.deepcopy(get_in(scaffold.data, path) or {})
            merged.update(value)
            value = merged
        set_in(scaffold.data, path, value)
    scaffold.notes.extend(carried.notes)


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
