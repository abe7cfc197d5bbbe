"""What a rule sees: the document, its format, the language of messages, cached analyses."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING, Any

from govreport.format.resolve import FormatChoice
from govreport.format.spec import FormatSpec, KeyPath, Node
from govreport.format.validate import SchemaIssue, schema_issues
from govreport.format.values import CellState, cell_number, cell_state, has_placeholder
from govreport.report.document import ReportDocument, ReportSyntaxError

if TYPE_CHECKING:
    from govreport.lint.discover import PreviousChoice

_ABSENT = object()
_NO_NUMBER = frozenset({CellState.BLANK, CellState.UNRESOLVED})  # the states of cell_states


class _Messages:
    lang: str

    def t(self, zh: str, en: str) -> str:
        """Pick the message in the configured language."""
        return en if self.lang == "en" else zh


@dataclass
class SyntaxContext(_Messages):
    """What a ``"syntax"`` rule sees: a file that is not valid TOML."""

    name: str
    error: ReportSyntaxError
    lang: str = "zh"


@dataclass
class FormatContext(_Messages):
    """What a ``"format"`` rule sees: the parsed document and the format it resolved to."""

    doc: ReportDocument
    choice: FormatChoice
    lang: str = "zh"
    # the enabled report rules, with the anchors each reads (for F3)
    report_rules: tuple[tuple[str, tuple[str, ...]], ...] = ()


@dataclass
class SuppressionContext(_Messages):
    """What a ``"suppressions"`` rule sees: the comments, and what of each matched nothing."""

    doc: ReportDocument
    lang: str
    # (line, column, codes that matched nothing — ["*"] for a bare ignore —, unknown codes)
    unused: tuple[tuple[int, int, tuple[str, ...], tuple[str, ...]], ...] = ()


@dataclass
class LintContext(_Messages):
    doc: ReportDocument
    spec: FormatSpec
    lang: str = "zh"
    options: dict[str, Any] = field(default_factory=dict)
    previous: ReportDocument | None = None  # last year's report of the same organ, if known
    previous_choice: PreviousChoice | None = None  # how it was chosen (X4), when looked up beside the file

    @property
    def same_organ_last_year(self) -> ReportDocument | None:
        """Last year's report when both reports name the same organ (None when either names
        none, or they differ): what the rules comparing two years compare with."""
        prev = self.previous
        if prev is None or prev.organ is None or self.doc.organ is None:
            return None
        return prev if prev.organ.strip() == self.doc.organ.strip() else None

    def anchor(self, name: str) -> KeyPath:
        """The key path of an ``x-anchors`` cell (the rule declared it, so the format has it)."""
        return self.spec.anchor(name)

    def describe(self, path: KeyPath) -> str:
        return self.spec.describe(path, self.lang)

    @cached_property
    def schema_issues(self) -> list[SchemaIssue]:
        return schema_issues(self.spec, self.doc.data)

    @cached_property
    def invalid_paths(self) -> set[KeyPath]:
        """Paths whose value is missing or malformed (already reported by a schema rule)."""
        return {issue.path for issue in self.schema_issues}

    @cached_property
    def _cells(self) -> dict[KeyPath, Any]:
        """Every cell's value (``_ABSENT`` when missing), looked up once per document, row by row."""
        out: dict[KeyPath, Any] = {}
        get = self.doc.get
        for row_path, keys in self.spec.cell_rows:
            row = get(row_path)
            if type(row) is dict:
                for key, path in keys:
                    out[path] = row.get(key, _ABSENT)
            else:
                for _, path in keys:
                    out[path] = _ABSENT
        return out

    @cached_property
    def cell_states(self) -> dict[KeyPath, CellState]:
        """The cells that hold no number: blank (``""``) or unresolved (``"?…"``)."""
        states = {}
        for path, value in self._cells.items():
            if type(value) is str and (state := cell_state(value)) in _NO_NUMBER:
                states[path] = state
        return states

    def _value(self, path: KeyPath) -> Any:
        cells = self._cells
        if path in cells:
            value = cells[path]
            return None if value is _ABSENT else value
        return self.doc.get(path)

    def cell_state(self, path: KeyPath) -> CellState | None:
        """Blank for a cell left blank (``""``), unresolved for ``"?…"``, else None."""
        if path in self._cells:
            return self.cell_states.get(path)
        state = cell_state(self.doc.get(path))
        return state if state in _NO_NUMBER else None

    @cached_property
    def numbers(self) -> dict[KeyPath, int | float | None]:
        """:meth:`number` of every cell, computed once per document."""
        invalid = self.invalid_paths
        out: dict[KeyPath, int | float | None] = {}
        for path, value in self._cells.items():
            if path in invalid:
                out[path] = None
            elif type(value) is int and value >= 0:
                out[path] = value  # the common case
            else:
                out[path] = cell_number(None if value is _ABSENT else value)
        return out

    @cached_property
    def blank_cells(self) -> frozenset[KeyPath]:
        return frozenset(p for p, state in self.cell_states.items() if state is CellState.BLANK)

    def number(self, path: KeyPath) -> int | float | None:
        """The numeric value of a cell (a blank cell counts as 0), or None if it is absent,
        unresolved or not a valid number."""
        numbers = self.numbers
        return numbers[path] if path in numbers else self._number(path)

    def _number(self, path: KeyPath) -> int | float | None:
        if path in self.invalid_paths:
            return None
        value = self._value(path)
        if type(value) is int and value >= 0:
            return int(value)  # the common case
        return cell_number(value)

    @cached_property
    def texts(self) -> tuple[tuple[Node, str], ...]:
        """The narrative's text fields that hold text (not empty), in order, each with its text:
        read once per document for every prose rule."""
        out = []
        get = self.doc.get
        for node in self.spec.text_fields():
            value = get(node.path)
            if value and isinstance(value, str):
                out.append((node, value))
        return tuple(out)

    @cached_property
    def filled_texts(self) -> tuple[tuple[KeyPath, str], ...]:
        """:attr:`texts` without those that still hold a new report's guidance (【待填写…】)."""
        return tuple((node.path, text) for node, text in self.texts if not self.has_placeholder(text))

    def text(self, path: KeyPath) -> str | None:
        value = self.doc.get(path)
        return value if isinstance(value, str) else None

    def has_placeholder(self, value: Any) -> bool:
        """A value that still holds a new report's guidance (【待填写…】)."""
        return has_placeholder(value, self.spec.placeholder_marker)
