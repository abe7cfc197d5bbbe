"""Load a format schema and expose it as a tree of labelled nodes."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache, cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, get_args

from govreport.resources import data_dirs

if TYPE_CHECKING:
    from govreport.format.layout import TableLayout
    from govreport.format.relations import Relation

KeyPath = tuple[str, ...]

SCHEMA_SUFFIX = ".schema.json"
SCHEMA_PREFIX = "format-"
DEFAULT_FORMAT = "2021"  # the format of a report that names none, and of a new report


class MissingAnchorError(LookupError):
    """A check asked for a cell (an ``x-anchors`` name) that this format does not declare."""

    def __init__(self, version: str, name: str) -> None:
        self.version = version
        self.name = name
        super().__init__(f"format {version} declares no anchor {name!r}")


class UnknownFormatError(LookupError):
    """The report names a format version for which no schema ships."""

    def __init__(self, version: str) -> None:
        self.version = version
        super().__init__(version)


@dataclass
class Node:
    """One property of the schema: a section, a table row, a cell or a text field."""

    path: KeyPath
    schema: dict[str, Any]
    children: dict[str, Node] = field(default_factory=dict)
    parent: Node | None = field(default=None, repr=False)

    @property
    def key(self) -> str:
        return self.path[-1] if self.path else ""

    @property
    def title(self) -> str:
        return str(self.schema.get("title", self.key))

    @property
    def title_en(self) -> str:
        return str(self.schema.get("x-title-en", self.title))

    def label(self, lang: str = "zh") -> str:
        return self.title_en if lang == "en" else self.title

    @property
    def is_object(self) -> bool:
        return self.schema.get("type") == "object"

    # -- the x- keywords of a node, typed (no code outside govreport.format reads them) --
    @property
    def role(self) -> str | None:
        """``"preamble"``, ``"narrative"`` or ``"table"`` for a top-level part, else None."""
        role = self.schema.get("x-role")
        return str(role) if role else None

    @property
    def section_number(self) -> int | None:
        """The official number of a section (1–6), or None for anything else."""
        number = self.schema.get("x-section")
        return int(number) if number is not None else None

    @property
    def short_title(self) -> str:
        return str(self.schema.get("x-short-title", self.title))

    @property
    def in_form(self) -> bool:
        """False for a value kept in the file but not filled in by hand (``"x-form": false``:
        ``report.previous``, written by ``govreport new --from``)."""
        return self.schema.get("x-form", True) is not False

    @property
    def untitled(self) -> bool:
        """A text without a printed sub-head (the introduction of 一, the body of 五 and 六)."""
        return bool(self.schema.get("x-untitled"))

    @property
    def aliases(self) -> tuple[str, ...]:
        """Other titles published reports give this section or sub-head."""
        return tuple(str(a) for a in self.schema.get("x-aliases", ()))

    @property
    def unit(self) -> str | None:
        """The unit of a cell's value (``"万元"``), when it is not a count."""
        unit = self.schema.get("x-unit")
        return str(unit) if unit else None

    @property
    def unit_en(self) -> str | None:
        """The unit as English writes it (``"10,000 yuan"``), else the unit itself."""
        unit = self.schema.get("x-unit-en")
        return str(unit) if unit else self.unit

    @property
    def table_number(self) -> str:
        """The official number of a table section (``"三"``), else ``""``."""
        return str(self.schema.get("x-table", {}).get("number", ""))

    @property
    def table_corners(self) -> tuple[str, ...]:
        """The corner texts of a table section's blocks (``信息内容``, or an in-table note)."""
        blocks = self.schema.get("x-table", {}).get("blocks", [])
        return tuple(str(b.get("corner", "")) for b in blocks if b.get("corner"))

    @property
    def is_optional_block(self) -> bool:
        """A part the format allows but does not require (left out of a new report)."""
        return bool(self.schema.get("x-optional"))

    @property
    def cell_kind(self) -> str | None:
        """``"count"`` or ``"amount"`` for a table cell, else ``None``."""
        kind = self.schema.get("x-cell")
        return str(kind) if kind else None

    @property
    def is_text(self) -> bool:
        return (
            self.schema.get("type") == "string"
            and self.parent is not None
            and self.parent.role == "narrative"
        )

    @property
    def required(self) -> tuple[str, ...]:
        return tuple(self.schema.get("required", ()))

    @property
    def dotted(self) -> str:
        return ".".join(self.path)

    def walk(self) -> Iterator[Node]:
        yield self
        for child in self.children.values():
            yield from child.walk()


class FormatSpec:
    """A format version: its schema, its node tree, its tables and its sum relations."""

    def __init__(self, schema: dict[str, Any], source: Path | None = None) -> None:
        self.schema = schema
        self.source = source
        self.version = str(schema["x-format"])
        self.root = self._build(schema, (), None)
        self._index: dict[KeyPath, Node] = {n.path: n for n in self.root.walk()}

    # -- construction -------------------------------------------------------------
    def _resolve(self, schema: dict[str, Any]) -> dict[str, Any]:
        ref = schema.get("$ref")
        if not ref:
            return schema
        if not isinstance(ref, str) or not ref.startswith("#/"):
            raise ValueError(f"only local references are supported in format schemas: {ref!r}")
        target: Any = self.schema
        for part in ref[2:].split("/"):
            target = target[part]
        merged = dict(self._resolve(target))
        merged.update({k: v for k, v in schema.items() if k != "$ref"})
        return merged

    def _build(self, schema: dict[str, Any], path: KeyPath, parent: Node | None) -> Node:
        resolved = self._resolve(schema)
        node = Node(path=path, schema=resolved, parent=parent)
        for key, sub in resolved.get("properties", {}).items():
            node.children[key] = self._build(sub, (*path, key), node)
        return node

    # -- lookup ---------------------------------------------------------------------
    def node(self, path: KeyPath | str) -> Node | None:
        if isinstance(path, str):
            path = tuple(path.split(".")) if path else ()
        return self._index.get(path)

    def __getitem__(self, path: KeyPath | str) -> Node:
        node = self.node(path)
        if node is None:
            raise KeyError(path)
        return node

    def nodes(self) -> Iterator[Node]:
        return self.root.walk()

    def cells(self) -> Iterator[Node]:
        """Every table cell, in document order."""
        return iter(self._cells)

    @cached_property
    def _cells(self) -> tuple[Node, ...]:
        return tuple(n for n in self.root.walk() if n.cell_kind)

    @cached_property
    def cell_rows(self) -> tuple[tuple[KeyPath, tuple[tuple[str, KeyPath], ...]], ...]:
        """The cells in document order, in runs that share a row: (row path, ((key, cell
        path), …)).  Computed once per format, so that reading every cell of a document looks
        each row up once and slices no paths."""
        runs: list[tuple[KeyPath, list[tuple[str, KeyPath]]]] = []
        for cell in self._cells:
            row = cell.path[:-1]
            if not runs or runs[-1][0] != row:
                runs.append((row, []))
            runs[-1][1].append((cell.path[-1], cell.path))
        return tuple((row, tuple(keys)) for row, keys in runs)

    def sections(self) -> list[Node]:
        """The six numbered sections, in order."""
        found = [n for n in self.root.children.values() if n.section_number is not None]
        return sorted(found, key=lambda n: n.section_number or 0)

    def table_nodes(self) -> list[Node]:
        """Every node laid out as a table (``x-table``), in document order: the table sections
        and the tables nested in a narrative section (an optional block such as 六's fee table)."""
        return [n for n in self.root.walk() if n.path and n.role == "table" and "x-table" in n.schema]

    def narrative_sections(self) -> list[Node]:
        return [n for n in self.sections() if n.role == "narrative"]

    def table_sections(self) -> list[Node]:
        return [n for n in self.sections() if n.role == "table"]

    @cached_property
    def preamble(self) -> Node | None:
        """The preamble part (organ, year, level, period, website, contact)."""
        return next((n for n in self.root.children.values() if n.role == "preamble"), None)

    @cached_property
    def preamble_fields(self) -> dict[PreambleName, PreambleField]:
        """The preamble's fields by name (``x-preamble-field`` on each of its properties), in
        schema order: the one place that says where the organ, the year, the title… are."""
        out: dict[PreambleName, PreambleField] = {}
        for child in self.preamble.children.values() if self.preamble is not None else ():
            name = child.schema.get("x-preamble-field")
            if name is None:
                continue
            if name not in PREAMBLE_NAMES:
                raise ValueError(f"x-preamble-field: unknown field {name!r} at {child.dotted!r}")
            out[name] = PreambleField(name, child)
        return out

    def preamble_field(self, name: PreambleName) -> PreambleField | None:
        """The preamble field *name*, or None when this format has none (``previous``)."""
        return self.preamble_fields.get(name)

    def preamble_path(self, name: PreambleName) -> KeyPath:
        """The key path of a preamble field (``"organ"``, ``"year"``, ``"contact"``…); a field
        the format does not declare is where it would be (a report may still hold it)."""
        found = self.preamble_fields.get(name)
        if found is not None:
            return found.path
        return (*self.preamble_root, name)

    @property
    def preamble_root(self) -> KeyPath:
        """The key path of the preamble part itself (its table), ``()`` if the format has none."""
        return self.preamble.path if self.preamble is not None else ()

    @property
    def format_notice(self) -> str:
        """The notice that issued the format (国办公开办函〔2021〕30号), or ``""``."""
        return str(self.schema.get("x-format-notice", ""))

    # -- anchors: the cells the heuristics need, named in the schema ----------------------
    @cached_property
    def anchors(self) -> dict[str, KeyPath]:
        """``x-anchors``: name → key path of the cell, row or text a check reads."""
        raw = self.schema.get("x-anchors", {})
        out: dict[str, KeyPath] = {}
        for name, dotted in raw.items():
            if name == "description":
                continue
            path: KeyPath = tuple(str(dotted).split("."))
            if path not in self._index:
                raise ValueError(f"x-anchors: {name!r} names {dotted!r}, which is not in the schema")
            out[str(name)] = path
        return out

    def anchor(self, name: str) -> KeyPath:
        """The key path of anchor *name*; :class:`MissingAnchorError` if the format has none."""
        try:
            return self.anchors[name]
        except KeyError:
            raise MissingAnchorError(self.version, name) from None

    def has_anchor(self, name: str) -> bool:
        return name in self.anchors

    @property
    def valid_until(self) -> int | None:
        """``x-valid-until``: the last report year this format is for (the 2019 试行 format: 2020),
        or None for the format in force."""
        value = self.schema.get("x-valid-until")
        return int(value) if isinstance(value, int) else None

    def text_fields(self) -> Iterator[Node]:
        return iter(self._text_fields)

    @cached_property
    def _text_fields(self) -> tuple[Node, ...]:
        return tuple(
            child
            for section in self.narrative_sections()
            for child in section.children.values()
            if child.is_text
        )

    @property
    def title(self) -> str:
        return str(self.schema.get("title", ""))

    @property
    def schema_id(self) -> str:
        return str(self.schema.get("$id", ""))

    @property
    def scaffold_path(self) -> Path:
        """The guidance text of a new report in this format (``scaffolds/format-VERSION.toml``),
        looked up beside the schema first."""
        name = f"{SCHEMA_PREFIX}{self.version}.toml"
        candidates = [self.source.parent.parent / "scaffolds" / name] if self.source else []
        candidates += [d / name for d in data_dirs("scaffolds")]
        for path in candidates:
            if path.is_file():
                return path
        raise FileNotFoundError(f"no scaffold {name} for format {self.version}")

    @property
    def placeholder_marker(self) -> str:
        return str(self.schema.get("x-placeholder-marker", "【待填写"))

    @property
    def rulemaking_levels(self) -> tuple[str, ...]:
        return tuple(self.schema.get("x-rulemaking-levels", ()))

    def document_title(self, organ: str, year: int | str) -> str:
        template = str(self.schema.get("x-document-title", "{organ}{year}年政府信息公开工作年度报告"))
        return template.format(organ=organ, year=year)

    def expand(self, pattern: str) -> list[KeyPath]:
        """Expand a dotted path whose components may be ``*`` (every child, in schema order)."""
        paths: list[KeyPath] = [()]
        for part in pattern.split(".") if pattern else []:
            nxt: list[KeyPath] = []
            for p in paths:
                if part == "*":
                    node = self.node(p)
                    if node is None:
                        raise ValueError(f"no schema node at {'.'.join(p)!r} (in {pattern!r})")
                    nxt.extend(child.path for child in node.children.values())
                else:
                    nxt.append((*p, part))
            paths = nxt
        for p in paths:
            if p not in self._index:
                raise ValueError(f"path {'.'.join(p)!r} (from {pattern!r}) is not in the schema")
        return paths

    # -- derived views ----------------------------------------------------------------
    @cached_property
    def relations(self) -> list[Relation]:
        """The sum relations (``left == right``); inequalities are :attr:`inequalities`."""
        return [r for r in self._all_relations if r.is_sum]

    @cached_property
    def relations_by_rule(self) -> dict[str, tuple[tuple[Relation, tuple[KeyPath, ...]], ...]]:
        """The sum relations by rule code, in order, each with the cells of it that are totals
        (:attr:`total_cells`): what a lint rule checking one code reads, found once per format."""
        totals = self.total_cells
        out: dict[str, list[tuple[Relation, tuple[KeyPath, ...]]]] = {}
        for relation in self.relations:
            out.setdefault(relation.rule, []).append(
                (relation, tuple(p for p in relation.cells if p in totals))
            )
        return {code: tuple(items) for code, items in out.items()}

    @cached_property
    def inequalities(self) -> list[Relation]:
        """The relations ``sum(left) <= sum(right)`` (``"op": "<="`` in ``x-relations``)."""
        return [r for r in self._all_relations if not r.is_sum]

    @cached_property
    def _all_relations(self) -> list[Relation]:
        from govreport.format.relations import expand_relations

        return expand_relations(self)

    @cached_property
    def carry_over(self) -> list[CarryOver]:
        """What year Y takes from year Y-1 (``x-previous-year.carry``), expanded to cell paths."""
        out: list[CarryOver] = []
        for raw in self.schema.get("x-previous-year", {}).get("carry", []):
            # last year's keys are expanded with this format's schema: the two are assumed to match
            this, last = self.expand(raw["this"]), self.expand(raw["last"])
            plus = [p for pattern in raw.get("plus", []) for p in self.expand(pattern)]
            minus = [p for pattern in raw.get("minus", []) for p in self.expand(pattern)]
            for t, l_ in zip(this, last, strict=True):
                if len(this) > 1:  # a row carried column by column: plus/minus are per column too
                    col = t[-1]
                    out.append(
                        CarryOver(
                            str(raw["rule"]),
                            t,
                            l_,
                            tuple(p for p in plus if p[-1] == col),
                            tuple(p for p in minus if p[-1] == col),
                        )
                    )
                else:
                    out.append(CarryOver(str(raw["rule"]), t, l_, tuple(plus), tuple(minus)))
        return out

    @property
    def carry_fields(self) -> list[KeyPath]:
        return [tuple(p.split(".")) for p in self.schema.get("x-previous-year", {}).get("fields", [])]

    @property
    def distinct_from_last_year(self) -> list[KeyPath]:
        return [tuple(p.split(".")) for p in self.schema.get("x-previous-year", {}).get("distinct", [])]

    @cached_property
    def total_cells(self) -> frozenset[KeyPath]:
        """Cells that the sum relations compute from others (the 总计 cells)."""
        return frozenset(r.left[0] for r in self.relations if r.is_total)

    @cached_property
    def tables(self) -> list[TableLayout]:
        from govreport.format.layout import build_tables

        return build_tables(self)

    def table(self, key: str | KeyPath) -> TableLayout:
        """The layout of the table at *key*: a section key (``"requests"``), a dotted path or a key
        path (``("other", "fees")``)."""
        path = tuple(key.split(".")) if isinstance(key, str) else key
        for t in self.tables:
            if t.path == path:
                return t
        raise KeyError(key)

    def tables_in(self, section: str) -> list[TableLayout]:
        """The tables nested in a (narrative) section, in document order."""
        return [t for t in self.tables if t.nested and t.path[0] == section]

    @cached_property
    def cell_labels(self) -> dict[KeyPath, tuple[str, str, str, str]]:
        """Map each cell path to (row label zh, column label zh, row label en, column label en)."""
        labels: dict[KeyPath, tuple[str, str, str, str]] = {}
        for table in self.tables:
            for block in table.blocks:
                for row in block.rows:
                    for ref in row.cells:
                        labels[ref.path] = (
                            row.label_zh,
                            ref.column_label_zh,
                            row.label_en,
                            ref.column_label_en,
                        )
        return labels

    @cached_property
    def row_labels(self) -> dict[KeyPath, tuple[str, str, str]]:
        """Map each table row path to (table number, row label zh, row label en)."""
        labels: dict[KeyPath, tuple[str, str, str]] = {}
        for table in self.tables:
            for block in table.blocks:
                for row in block.rows:
                    if row.label_zh:
                        labels[row.path] = (table.number, row.label_zh, row.label_en)
        return labels

    def describe(self, path: KeyPath, lang: str = "zh") -> str:
        """A human label for any path: the section, then the table row and column, or the field."""
        if not path:
            return ""
        section = self.node(path[:1])
        section_label = section.label(lang) if section else path[0]
        if path in self.cell_labels:
            row_zh, col_zh, row_en, col_en = self.cell_labels[path]
            row, col = (row_en, col_en) if lang == "en" else (row_zh, col_zh)
            table_no = section.table_number if section else ""
            nested = next(
                (t for t in self.tables if t.nested and path[: len(t.path)] == t.path), None
            )  # a table inside a narrative section (六's fee table)
            if nested is not None and section is not None:
                section_label = (
                    f"“{nested.title_en}” ({section.title_en})"
                    if lang == "en"
                    else f"{section.short_title}·{nested.title}"
                )
            if lang == "en":
                where = f"table {section_label}"
                parts = [p for p in (f"row “{row}”" if row else "", f"column “{col}”" if col else "") if p]
                return f"{where}, {', '.join(parts)}"
            where = f"表{table_no}" if table_no else section_label
            parts = [p for p in (f"「{row}」行" if row else "", f"「{col}」列" if col else "") if p]
            return where + "".join(parts)
        if path in self.row_labels:
            table_no, row_zh, row_en = self.row_labels[path]
            if lang == "en":
                return f"table {section_label}, row “{row_en}”"
            return f"表{table_no}「{row_zh}」行"
        labels = []
        for i in range(1, len(path) + 1):
            node = self.node(path[:i])
            if (
                node is not None
                and node.parent is not None
                and sum(1 for c in node.parent.children.values() if c.is_text) == 1
                and node.untitled
            ):
                continue  # the single text of a section is the section
            labels.append(node.label(lang) if node else path[i - 1])
        return " › ".join(labels) if lang == "en" else "·".join(labels)


PreambleName = Literal[
    "title", "organ", "year", "level", "period_start", "period_end", "previous", "website", "contact"
]
PREAMBLE_NAMES: frozenset[str] = frozenset(get_args(PreambleName))


@dataclass(frozen=True)
class PreambleField:
    """A field of the preamble, by the name the code knows it by (``x-preamble-field``)."""

    name: PreambleName
    node: Node  # its schema node: label (title, x-title-en), description, enum…

    @property
    def path(self) -> KeyPath:
        return self.node.path

    @property
    def type(self) -> str:
        """``"string"``, ``"integer"``, ``"date"`` (a string in date format) or ``"object"``."""
        if self.node.schema.get("format") == "date":
            return "date"
        return str(self.node.schema.get("type", "string"))


@dataclass(frozen=True)
class CarryOver:
    """``this`` (year Y) = ``last`` (year Y-1) + sum(``plus``) - sum(``minus``) (both in year Y)."""

    rule: str
    this: KeyPath
    last: KeyPath
    plus: tuple[KeyPath, ...] = ()
    minus: tuple[KeyPath, ...] = ()


def _schema_files() -> dict[str, Path]:
    """Version → schema file; a directory earlier in :func:`data_dirs` wins."""
    found: dict[str, Path] = {}
    for directory in reversed(data_dirs("schemas")):
        for entry in sorted(directory.iterdir()):
            name = entry.name
            if name.startswith(SCHEMA_PREFIX) and name.endswith(SCHEMA_SUFFIX):
                found[name[len(SCHEMA_PREFIX) : -len(SCHEMA_SUFFIX)]] = entry
    return found


def available_formats() -> list[str]:
    return sorted(_schema_files())


def schema_path(version: str) -> Path:
    files = _schema_files()
    if version not in files:
        raise UnknownFormatError(version)
    return files[version]


@cache
def load_spec(version: str = DEFAULT_FORMAT) -> FormatSpec:
    path = schema_path(version)
    with path.open(encoding="utf-8") as fh:
        schema = json.load(fh)
    return FormatSpec(schema, source=path)
