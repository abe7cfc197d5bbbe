"""What the editor edits, without any user interface: the open file, its sections and their
state, what a cell accepts, where a finding points.  No Textual in here.
"""

from __future__ import annotations

import datetime as _dt
import hashlib
import os
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from govreport.format.layout import TableLayout
from govreport.format.resolve import resolve_format
from govreport.format.spec import DEFAULT_FORMAT, FormatSpec, KeyPath, Node
from govreport.format.totals import TotalState, filled_totals, total_states
from govreport.format.values import (
    UNRESOLVED_MARK,
    CellState,
    Number,
    cell_state,
    has_placeholder,
    show_number,
)
from govreport.fsutil import ChangedSinceRead, write_atomic
from govreport.i18n import current_lang, t
from govreport.lint.finding import Finding, Severity
from govreport.report.document import (
    MAX_REPORT_BYTES,
    ReportError,
    ReportReadError,
    decode_report_bytes,
    parse_toml,
    read_report_text,
)
from govreport.report.tomledit import MISSING, Edit, EditError, ReportEditor
from govreport.report.writer import value_label


class OpenError(Exception):
    """A file that cannot be opened for editing; ``str()`` is a one-line message."""


class DiskChangedError(Exception):
    """The file changed on disk since it was opened or last saved."""


class InputRefused(ValueError):
    """Input that a cell or field does not accept; ``str()`` says why, in Chinese."""


# -- sections ---------------------------------------------------------------------------

PageKind = Literal["preamble", "narrative", "table"]


@dataclass(frozen=True)
class EditorSection:
    """One entry of the section list: the preamble or one of the six sections."""

    key: str
    node: Node
    kind: PageKind

    @property
    def title(self) -> str:
        return self.node.label(current_lang())

    @property
    def short_title(self) -> str:
        return t(self.node.short_title, self.node.title_en)


def sections_of(spec: FormatSpec) -> list[EditorSection]:
    out: list[EditorSection] = []
    for node in spec.root.children.values():
        if node.role == "preamble":
            out.append(EditorSection(node.key, node, "preamble"))
    for node in spec.sections():
        kind: PageKind = "table" if node.role == "table" else "narrative"
        out.append(EditorSection(node.key, node, kind))
    return out


Status = Literal["empty", "partial", "filled", "zero", "incomplete"]
_NOT_FILLED = frozenset({CellState.BLANK, CellState.UNRESOLVED})  # a table with one is incomplete

STATUS_LABELS: dict[str, tuple[str, str]] = {
    "empty": ("未填写", "empty"),
    "partial": ("部分填写", "partly filled"),
    "filled": ("已填写", "filled"),
    "zero": ("全为 0", "all 0"),
    "incomplete": ("有空白或待定", "blanks or unresolved"),
}


@dataclass(frozen=True)
class SectionState:
    status: Status
    errors: int
    warnings: int

    @property
    def label(self) -> str:
        return t(*STATUS_LABELS[self.status])


def form_fields(node: Node) -> list[Node]:
    """The values of the preamble, in schema order (nested objects flattened), without those
    the format keeps out of the form (:attr:`Node.in_form`)."""
    out: list[Node] = []
    for child in node.children.values():
        if not child.in_form:
            continue  # kept in the file, not a field to fill in (report.previous)
        if child.is_object:
            out.extend(form_fields(child))
        else:
            out.append(child)
    return out


def optional_text(node: Node) -> bool:
    """A narrative part that may be left empty: the untitled introduction before the sub-heads
    (the rule C2 exempts it)."""
    parent = node.parent
    return node.untitled and parent is not None and sum(1 for c in parent.children.values() if c.is_text) > 1


def _required(node: Node) -> bool:
    return node.parent is None or node.key in node.parent.required


# -- what a cell accepts ----------------------------------------------------------------

_INT = re.compile(r"\d+")
_DEC = re.compile(r"\d+(?:\.\d+)?|\.\d+")
_GROUPED = re.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?")


def cell_maximum(node: Node) -> Number | None:
    for branch in node.schema.get("anyOf", [node.schema]):
        if isinstance(branch, dict) and branch.get("type") in ("integer", "number"):
            maximum = branch.get("maximum")
            return maximum if isinstance(maximum, int | float) else None
    return None


def parse_cell_input(text: str, kind: str, maximum: Number | None = None) -> Number:
    """The value typed into a table cell, or :class:`InputRefused` with the reason.

    A count is a non-negative integer; an amount (the fee, 万元) a non-negative decimal.
    Full-width digits from a Chinese input method and thousands separators are accepted.
    """
    s = unicodedata.normalize("NFKC", text).strip().replace(" ", "")
    if not s:
        raise InputRefused(t("请填写数字（没有的请填 0）", "type a number (0 for none)"))
    if _GROUPED.fullmatch(s):
        s = s.replace(",", "")
    if s.startswith("-") and _DEC.fullmatch(s[1:]):
        raise InputRefused(
            t(f"不能填负数（输入的是「{text.strip()}」）", f"no negative numbers (typed “{text.strip()}”)")
        )
    if kind == "amount":
        if not _DEC.fullmatch(s):
            raise InputRefused(
                t(
                    f"「{text.strip()}」不是数字；金额（万元）填非负数，可有小数",
                    f"“{text.strip()}” is not a number; an amount (10,000 yuan) is ≥ 0 and may have decimals",
                )
            )
        value: Number = float(s) if "." in s else int(s)
    else:
        if _DEC.fullmatch(s):
            if not _INT.fullmatch(s):
                raise InputRefused(
                    t(
                        f"件数只能是整数（输入的是「{text.strip()}」）",
                        f"a count is a whole number (typed “{text.strip()}”)",
                    )
                )
        else:
            raise InputRefused(
                t(
                    f"「{text.strip()}」不是数字；件数填非负整数，没有的填 0",
                    f"“{text.strip()}” is not a number; a count is a whole number ≥ 0, 0 for none",
                )
            )
        value = int(s)
    if maximum is not None and value > maximum:
        raise InputRefused(
            t(f"{value} 超出合理范围（不大于 {maximum}）", f"{value} is out of range (at most {maximum})")
        )
    return value


def parse_field_input(node: Node, text: str) -> Any:
    """The value typed into a preamble field, or :class:`InputRefused`."""
    kind = node.schema.get("type")
    s = unicodedata.normalize("NFKC", text).strip() if kind == "integer" else text
    if kind == "integer":
        if not _INT.fullmatch(s):
            example = _dt.date.today().year - 1
            raise InputRefused(
                t(
                    f"「{node.title}」应为整数（如 {example}）",
                    f"“{node.title_en}” must be a whole number (e.g. {example})",
                )
            )
        value = int(s)
        low, high = node.schema.get("minimum"), node.schema.get("maximum")
        if (isinstance(low, int) and value < low) or (isinstance(high, int) and value > high):
            raise InputRefused(
                t(
                    f"「{node.title}」应在 {low} 到 {high} 之间",
                    f"“{node.title_en}” must be from {low} to {high}",
                )
            )
        return value
    if node.schema.get("format") == "date":
        s = unicodedata.normalize("NFKC", text).strip()
        try:
            return _dt.date.fromisoformat(s)
        except ValueError:
            raise InputRefused(
                t(
                    f"「{node.title}」应为日期，如 2024-12-31",
                    f"“{node.title_en}” must be a date, e.g. 2024-12-31",
                )
            ) from None
    return text


# how a blank cell ("" : blank in the source) and a cell missing from the file are shown;
# fixed when the interface starts, like its key bindings
BLANK_MARK = t("空", "--")
MISSING_MARK = t("缺", "NA")


def cell_text(value: object) -> str:
    """How a cell value is shown: the number, 空 (blank in the source), ? (unresolved)."""
    if value is MISSING:
        return MISSING_MARK
    state = cell_state(value)
    if state is CellState.BLANK:
        return BLANK_MARK
    if state is CellState.UNRESOLVED:
        return UNRESOLVED_MARK
    if state is CellState.NUMBER:
        assert isinstance(value, int | float)
        return show_number(value)
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def text_of(value: object) -> str:
    """A narrative value as the text shown in the editor (without the final newline)."""
    if not isinstance(value, str):
        return ""
    return value[:-1] if value.endswith("\n") else value


def value_of_text(text: str) -> str:
    """The stored value for the text in the editor: one paragraph per line, ending in a newline."""
    body = text.rstrip("\n")
    return body + "\n" if body.strip() else ""


# -- where a finding points ---------------------------------------------------------------

TargetKind = Literal["cell", "text", "field", "section"]


@dataclass(frozen=True)
class Target:
    kind: TargetKind
    section: str
    path: KeyPath


def target_of(
    spec: FormatSpec, path: Sequence[str | int], sections: Iterable[EditorSection]
) -> Target | None:
    keys = tuple(p for p in path if isinstance(p, str))
    by_key = {s.key: s for s in sections}
    if not keys or keys[0] not in by_key:
        return None
    section = by_key[keys[0]]
    if section.kind == "table":
        layout = spec.table(section.key)
        cells = layout.cell_paths()
        for n in range(len(keys), 0, -1):
            prefix = keys[:n]
            if prefix in spec.cell_labels:
                return Target("cell", section.key, prefix)
            for cell in cells:
                if cell[:n] == prefix:
                    return Target("cell", section.key, cell)
        return Target("section", section.key, keys[:1])
    for table in spec.tables_in(section.key):  # a table nested in a narrative section
        if keys[: len(table.path)] == table.path:
            cells = table.cell_paths()
            return Target("cell", section.key, keys if keys in cells else cells[0])
    for n in range(len(keys), 1, -1):
        node = spec.node(keys[:n])
        if node is not None and not node.is_object:
            return Target("text" if section.kind == "narrative" else "field", section.key, keys[:n])
    return Target("section", section.key, keys[:1])


def changed_label(spec: FormatSpec, path: KeyPath) -> str:
    """The undo step of a change at *path* (shown as "已撤销：…")."""
    return t(f"修改「{spec.describe(path)}」", f"change “{spec.describe(path, 'en')}”")


def _kind_zh(value: object) -> str:
    if isinstance(value, list):
        return t("数组", "an array")
    if isinstance(value, str):
        return t("文字", "a text")
    if isinstance(value, bool):
        return t("真假值", "a boolean")
    if isinstance(value, int | float):
        return t("数字", "a number")
    return t("值", "a value")


def finding_path(finding: Finding) -> KeyPath:
    """Where a finding is: its own path, or for a consequence the cell of its cause."""
    cause = finding.consequence_of
    if cause is not None and isinstance(cause.get("path"), str):
        return tuple(cause["path"].split("."))
    return tuple(p for p in finding.path if isinstance(p, str))


# -- the open file --------------------------------------------------------------------------


@dataclass(frozen=True)
class DiskState:
    mtime_ns: int
    size: int
    digest: str


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _disk_state(path: Path, data: bytes | None = None) -> DiskState:
    st = path.stat()
    if data is None:
        data = path.read_bytes()
    return DiskState(st.st_mtime_ns, st.st_size, _digest(data))


def _read(path: Path) -> tuple[str, bytes]:
    """The text of a report file and its bytes (read once), or :class:`OpenError`."""
    name = str(path)
    try:
        raw = path.read_bytes() if path.is_file() else None
    except OSError:
        raw = None
    try:
        if raw is None or len(raw) > MAX_REPORT_BYTES:
            read_report_text(path)  # raises the one-line message for what is wrong
            raise ReportReadError(t(f"{name}: 无法读取", f"{name}: cannot be read"))
        text = decode_report_bytes(raw, name)
        parse_toml(text, name)
    except ReportError as exc:
        where = (
            t(f"（第 {exc.line} 行第 {exc.column} 列）", f" (line {exc.line}, column {exc.column})")
            if exc.line
            else ""
        )
        raise OpenError(f"{exc.shown}{where}") from None
    return text, raw


class EditSession:
    """One report file open for editing: the document, its undo history, its state on disk."""

    def __init__(self, path: Path, text: str, raw: bytes | None = None) -> None:
        self.path = path
        self.spec = self._spec_for(text)
        self.sections = sections_of(self.spec)
        self._load(text, raw)

    def _load(self, text: str, raw: bytes | None) -> None:
        try:
            self.editor = ReportEditor(text, label_for=self._label_for)
        except EditError as exc:
            raise OpenError(f"{self.path}: {exc}") from None
        self.saved_text = text
        self.disk = _disk_state(self.path, raw) if raw is not None else None
        self._totals: tuple[int, dict[KeyPath, TotalState]] | None = None
        self._shape: tuple[int, bool] | None = None
        self._candidates: dict[KeyPath, list[Number]] = {}  # of cells filled since they were "?"
        self.findings: list[Finding] = []
        self.findings_version = -1  # the editor version the findings are for

    @staticmethod
    def _spec_for(text: str) -> FormatSpec:
        choice = resolve_format(parse_toml(text, ""))
        if choice.spec is None:
            raise OpenError(choice.message(current_lang(), action=t("编辑", "edit")))
        return choice.spec

    @classmethod
    def open(cls, path: str | os.PathLike[str]) -> EditSession:
        p = Path(path)
        text, raw = _read(p)
        return cls(p, text, raw)

    @classmethod
    def create(
        cls,
        path: str | os.PathLike[str],
        *,
        year: int,
        organ: str | None,
        level: str | None = None,
        previous: str | os.PathLike[str] | None = None,
        format_version: str = DEFAULT_FORMAT,
    ) -> tuple[EditSession, list[str]]:
        """Write a new report (exactly as ``govreport new`` does) and open it."""
        from govreport.ops.errors import NotWritten
        from govreport.ops.new import NewReportError, prepare_new_report
        from govreport.ops.output import write_file

        try:
            report = prepare_new_report(
                year=year,
                organ=organ or None,
                level=level or None,
                previous=previous or None,
                format_version=format_version,
                new_file=path,
            )
        except NewReportError as exc:
            if exc.option == "--organ":
                raise OpenError(
                    t("请填写机关名称（或指定上年报告）", "fill in the organ (or name last year's report)")
                ) from None
            raise OpenError(exc.message) from None
        p = Path(path)
        try:
            write_file(p, report.text, force=False)
        except NotWritten as exc:
            if exc.exists:
                raise OpenError(t(f"{p} 已存在，未覆盖", f"{p} exists; not overwritten")) from None
            raise OpenError(exc.text(current_lang())) from None
        return cls.open(p), [*report.warnings, *report.notes]

    # -- file state ---------------------------------------------------------------------
    @property
    def name(self) -> str:
        return self.path.name

    @property
    def text(self) -> str:
        return self.editor.text

    @property
    def dirty(self) -> bool:
        return self.editor.text != self.saved_text

    def disk_changed(self) -> bool:
        """True if the file on disk is not what was opened or last saved (or is gone)."""
        if self.disk is None:
            return self.path.exists()
        try:
            st = self.path.stat()
        except FileNotFoundError:
            return True
        if (st.st_mtime_ns, st.st_size) == (self.disk.mtime_ns, self.disk.size):
            return False
        try:
            data = self.path.read_bytes()
        except OSError:
            return True
        if _digest(data) == self.disk.digest:
            self.disk = DiskState(st.st_mtime_ns, st.st_size, self.disk.digest)  # only touched
            return False
        return True

    def save(self, *, force: bool = False) -> None:
        """Write the file atomically.  Raises :class:`DiskChangedError` if it changed on disk
        (unless *force*), ``OSError`` if it cannot be written."""
        if not force and self.disk_changed():
            raise DiskChangedError(str(self.path))
        text = self.editor.text
        data = text.encode("utf-8")
        expected = None if force or self.disk is None else self.disk.digest
        try:  # compared again at the moment of the write: another save may come in between
            write_atomic(self.path, data, overwrite=True, expected=expected)
        except ChangedSinceRead:
            raise DiskChangedError(str(self.path)) from None
        self.saved_text = text
        self.disk = _disk_state(self.path, data)

    def reload(self) -> None:
        """Read the file again from disk, dropping unsaved changes and the undo history."""
        text, raw = _read(self.path)
        self.spec = self._spec_for(text)
        self.sections = sections_of(self.spec)
        self._load(text, raw)

    # -- values -------------------------------------------------------------------------
    def _label_for(self, path: KeyPath) -> str | None:
        node = self.spec.node(path)
        if node is None:
            return None
        if node.is_object:
            row = self.spec.row_labels.get(path)
            return row[1] if row else node.title
        return value_label(self.spec, node)

    def value(self, path: KeyPath) -> Any:
        return self.editor.get(path)

    def totals(self) -> dict[KeyPath, TotalState]:
        version = self.editor.version
        if self._totals is None or self._totals[0] != version:
            self._totals = (version, total_states(self.spec, self.editor.get))
        return self._totals[1]

    def locked(self, path: KeyPath) -> str | None:
        """Why the file's shape keeps *path* from being edited here, or None.

        A file of the wrong shape (``[appeals]`` with ``review = [1, 2]``, where ``review`` must
        be a table) opens; what lies under the wrong value is shown read-only, with this reason.
        """
        if self._shape_ok():
            return None
        node: Any = self.editor.data
        for i, part in enumerate(path):
            if not isinstance(node, dict):
                key, kind = ".".join(path[:i]), _kind_zh(node)
                return t(
                    f"文件中「{key}」是一个值（{kind}）而不是表，此处只读；请在文本编辑器中改正",
                    f"“{key}” in the file is {kind}, not a table: read-only here; correct it in a text editor",
                )
            if part not in node:
                return None
            node = node[part]
        spec_node = self.spec.node(path)
        if isinstance(node, dict) and spec_node is not None and not spec_node.is_object:
            key = ".".join(path)
            return t(
                f"文件中「{key}」是一个表而不是值，此处只读；请在文本编辑器中改正",
                f"“{key}” in the file is a table, not a value: read-only here; correct it in a text editor",
            )
        return None

    def _shape_ok(self) -> bool:
        """True when every table of the format is a table in the file (or absent): nothing is
        locked.  Checked once per version of the text."""
        version = self.editor.version
        if self._shape is None or self._shape[0] != version:

            def ok(node: Node, value: Any) -> bool:
                if not isinstance(value, dict):
                    return False
                return all(
                    ok(child, value[key]) if child.is_object else not isinstance(value[key], dict)
                    for key, child in node.children.items()
                    if key in value
                )

            self._shape = (version, ok(self.spec.root, self.editor.data))
        return self._shape[1]

    def _apply(
        self,
        values: dict[KeyPath, Any],
        *,
        label: str,
        group: str | None = None,
        comments: dict[KeyPath, str] | None = None,
    ) -> Edit | None:
        for path in values:
            reason = self.locked(path)
            if reason is not None:
                raise InputRefused(reason)
        try:
            return self.editor.apply(values, label=label, group=group, comments=comments or None)
        except EditError as exc:  # the file's shape: refused, the editor keeps running
            raise InputRefused(
                t(
                    f"文件结构不允许修改此处：{exc}",
                    f"the file's structure does not allow a change here: {exc}",
                )
            ) from None

    def set_cell(self, path: KeyPath, text: str) -> Edit | None:
        """Store what was typed into a cell; :class:`InputRefused` if it is not acceptable."""
        reason = self.locked(path)
        if reason is not None:
            raise InputRefused(reason)
        node = self.spec[path]
        value = parse_cell_input(text, node.cell_kind or "count", cell_maximum(node))
        return self._apply(
            {path: value}, label=changed_label(self.spec, path), comments=self._settled([path])
        )

    def _settled(self, paths: Iterable[KeyPath]) -> dict[KeyPath, str]:
        """The new comments of cells an import left unresolved, once they are filled: the stale
        ``未确定：…`` becomes ``已填写；导入时：…`` (the source's digits and the candidates stay;
        undo brings the old comment back).  The candidates are remembered for F5."""
        out: dict[KeyPath, str] = {}
        for path in paths:
            comment = self.editor.comment(path)
            if comment.startswith("未确定："):
                self._candidates.setdefault(path, self._parse_candidates(comment))
                out[path] = "已填写；导入时：" + comment.removeprefix("未确定：")
        return out

    def set_cells(self, items: Sequence[tuple[KeyPath, str]], *, label: str) -> Edit | None:
        """Store several typed values as one undo step (a pasted block); all or none:
        :class:`InputRefused` names the first value refused, by its place in the block."""
        values: dict[KeyPath, Any] = {}
        for n, (path, text) in enumerate(items):
            reason = self.locked(path)
            node = self.spec[path]
            try:
                if reason is not None:
                    raise InputRefused(reason)
                values[path] = parse_cell_input(text, node.cell_kind or "count", cell_maximum(node))
            except InputRefused as exc:
                where = self.spec.describe(path, current_lang())
                raise InputRefused(
                    t(
                        f"第 {n + 1} 个值「{text.strip()}」（{where}）：{exc}",
                        f"value {n + 1} “{text.strip()}” ({where}): {exc}",
                    )
                ) from None
        return self._apply(values, label=label, comments=self._settled(values))

    def blank_cells(self, section: str | None = None) -> list[KeyPath]:
        """The cells left blank (``""``) in *section*'s tables (its own, or those nested in it),
        or in every table."""
        out: list[KeyPath] = []
        for s in self.sections:
            if s.kind != "preamble" and (section is None or s.key == section):
                out.extend(
                    c.path
                    for c in s.node.walk()
                    if c.cell_kind and cell_state(self.value(c.path)) is CellState.BLANK
                )
        return out

    # -- tables nested in a section (六's optional table) -------------------------------------
    def nested_tables(self, section: str) -> list[TableLayout]:
        """The tables nested in a narrative section, in document order."""
        return self.spec.tables_in(section)

    def has_table(self, table: TableLayout) -> bool:
        """Whether the file holds the table (an optional one is absent from most reports)."""
        return any(self.value(p) is not MISSING for p in table.cell_paths())

    def addable_tables(self, section: str | None = None) -> list[TableLayout]:
        """The optional tables the file does not hold yet (of *section*, or of every section)."""
        return [
            t
            for t in self.spec.tables
            if t.optional and t.nested and (section is None or t.section == section) and not self.has_table(t)
        ]

    def add_table(self, table: TableLayout) -> Edit | None:
        """Add an optional table with every cell blank (``""``: to be filled in, never a guessed
        0), as one undo step; None if the file holds it already."""
        if self.has_table(table):
            return None
        return self._apply(
            {p: "" for p in table.cell_paths()}, label=t(f"添加「{table.title}」", f"add “{table.title_en}”")
        )

    def blanks_to_zero(self, section: str | None = None) -> Edit | None:
        """Every blank cell (of *section*'s table, or of all tables) becomes 0: one undo step.
        Unresolved cells (``"?"``) stay as they are: 0 is not a guess for them."""
        cells = [p for p in self.blank_cells(section) if self.locked(p) is None]
        return self._apply({p: 0 for p in cells}, label=t("空白填为 0", "blanks to 0")) if cells else None

    def candidates(self, path: KeyPath) -> list[Number]:
        """The values an import found possible for a cell it left unresolved (from the cell's
        comment, ``未确定：可能为 8、10；…``, which stays after the cell is filled), in order."""
        if path in self._candidates:
            return list(self._candidates[path])
        comment = self.editor.comment(path)
        return self._parse_candidates(comment) if "未确定" in comment else []

    @staticmethod
    def _parse_candidates(comment: str) -> list[Number]:
        m = re.search(r"可能为\s*([^；;（(]+)", comment)
        if m is None:
            return []
        out: list[Number] = []
        for token in re.findall(r"\d+(?:\.\d+)?", m.group(1)):
            number: Number = float(token) if "." in token else int(token)
            if number not in out:
                out.append(number)
        return out

    def fill_candidate(self, path: KeyPath, value: Number) -> Edit | None:
        """An unresolved cell takes one of its candidates (as if typed)."""
        return self.set_cell(path, str(value))

    def set_text(self, path: KeyPath, text: str) -> Edit | None:
        return self._apply(
            {path: value_of_text(text)},
            label=changed_label(self.spec, path),
            group="text:" + ".".join(path),
        )

    def set_field(self, path: KeyPath, text: str) -> Edit | None:
        node = self.spec[path]
        value = parse_field_input(node, text)
        if value == "" and self.value(path) is MISSING and not _required(node):
            return None  # an optional field left empty stays out of the file
        return self._apply(
            {path: value}, label=changed_label(self.spec, path), group="field:" + ".".join(path)
        )

    def fill_totals(self, section: str | None = None) -> Edit | None:
        """Set every 总计 (of *section*, or all) to the sum of its parts: one undo step.
        Cells the file's shape locks are left alone."""
        values = filled_totals(self.spec, self.editor.get)
        values = {
            p: v for p, v in values.items() if (section is None or p[0] == section) and self.locked(p) is None
        }
        return self._apply(values, label=t("填入计算合计", "fill in the computed totals"))

    def save_aside(self) -> Path | None:
        """Write the unsaved text beside the file (``NAME.unsaved-N.toml``, never replacing a
        file); the path written, or None if nothing was unsaved or nothing could be written."""
        if not self.dirty:
            return None
        from govreport.fsutil import RefusedOverwrite

        for n in range(1, 1000):
            rescue = self.path.with_name(f"{self.path.name}.unsaved-{n}.toml")
            try:
                write_atomic(rescue, self.text, overwrite=False)
            except RefusedOverwrite:
                continue
            except OSError:
                return None
            return rescue
        return None

    # -- findings -------------------------------------------------------------------------
    def set_findings(self, findings: list[Finding], version: int) -> None:
        self.findings = findings
        self.findings_version = version

    @property
    def findings_current(self) -> bool:
        return self.findings_version == self.editor.version

    def severity_by_path(self) -> dict[KeyPath, Severity]:
        """The worst finding at each cell; a consequence counts at the cell of its cause."""
        out: dict[KeyPath, Severity] = {}
        for f in self.findings:
            path = finding_path(f)
            if path and (path not in out or f.severity.rank > out[path].rank):
                out[path] = f.severity
        return out

    def target(self, finding: Finding) -> Target | None:
        return target_of(self.spec, finding_path(finding), self.sections)

    def target_of_path(self, path: KeyPath) -> Target | None:
        return target_of(self.spec, path, self.sections)

    # -- section states ---------------------------------------------------------------------
    def section_state(self, section: EditorSection) -> SectionState:
        errors = warnings = 0
        for f in self.findings:
            if f.path and f.path[0] == section.key:
                if f.severity is Severity.ERROR:
                    errors += 1
                elif f.severity is Severity.WARNING:
                    warnings += 1
        return SectionState(self._status(section), errors, warnings)

    def _status(self, section: EditorSection) -> Status:
        marker = self.spec.placeholder_marker

        def written(value: object) -> bool:
            if isinstance(value, str):
                return bool(value.strip()) and not has_placeholder(value, marker)
            return value is not MISSING and value is not None

        if section.kind == "table":
            values = [self.value(c.path) for c in section.node.walk() if c.cell_kind]
            if any(v is MISSING or cell_state(v) in _NOT_FILLED for v in values):
                return "incomplete"
            return "zero" if all(v == 0 for v in values) else "filled"
        if section.kind == "preamble":
            fields = [f for f in form_fields(section.node) if _required(f)]
        else:
            fields = [f for f in section.node.children.values() if f.is_text and not optional_text(f)]
        done = sum(1 for f in fields if written(self.value(f.path)))
        if done == 0:
            return "empty"
        return "filled" if done == len(fields) else "partial"
