"""``govreport check``: many reports in any form, imported in memory and linted by lint's engine.

Two passes over the inputs, both shared among worker processes (one per CPU; the helper of
:mod:`govreport.lint.batch`):

1. **read** — each input is read as a report file or imported from its published form
   (:mod:`.inputs`).  An imported report's text is kept in a private temporary directory (not
   next to the sources, removed at the end), so that memory stays flat in the number of
   inputs; the parent keeps only each report's organ, year and sentence fingerprints.
2. **lint** — each report is linted by :func:`govreport.lint.engine.lint_document` with its
   configuration (found upward from the input, as for ``lint``), last year's report of the
   same organ (among the inputs in any form, else beside a report file as ``lint`` finds
   it), what its source said (:class:`~govreport.lint.source.SourceInfo`) and the copied
   paragraphs found across organs (:mod:`.copies`, rule E8).

One bad input never stops the batch: it becomes a record with its reason.
"""

from __future__ import annotations

import datetime as _dt
import tempfile
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from govreport.check.copies import CopyIndex, CopyResult, Prints, fingerprints
from govreport.check.inputs import Loaded, form_of, import_crashed, load_input
from govreport.format.spec import DEFAULT_FORMAT, FormatSpec, UnknownFormatError, load_spec
from govreport.lint.batch import cpu_count, map_in_workers
from govreport.lint.config import ConfigError, LintConfig, find_config
from govreport.lint.discover import PreviousFinder, sniff_organ_year
from govreport.lint.finding import Finding, Problem, Severity
from govreport.lint.source import SourceInfo
from govreport.report.document import ReportDocument, ReportError

SOURCE_CHUNK = 1  # an import takes tens of milliseconds: hand them out one at a time
TOML_CHUNK = 16


class CheckConfigError(Exception):
    """A configuration file that applies to one of the inputs is unusable."""


@dataclass(frozen=True)
class CheckOptions:
    lang: str = "zh"
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    explicit_config: LintConfig | None = None
    copies: bool = True  # 内容雷同 across organs (E8)
    keep_cells: str = "none"  # "none", "findings" (reports with a finding on a cell), "all"


@dataclass
class Meta:
    """What pass 1 leaves in the parent for one input."""

    index: int
    name: str
    form: str
    fatal: str | None = None
    organ: str = ""
    year: int | None = None
    text_file: str | None = None  # the imported report's text, in the temporary directory
    published: _dt.date | None = None
    observations: tuple[tuple[str, str], ...] = ()
    unresolved: int = 0
    prints: Prints | None = None


@dataclass
class CheckRecord:
    """One report's row: who, what, and its findings (as dictionaries, with where they point)."""

    index: int
    name: str
    form: str
    organ: str = ""
    level: str = ""
    year: int | None = None
    format: str = ""
    published: str = ""  # ISO date, the page's or the signature's
    published_from: str = ""  # "page" or "signature"
    fatal: str | None = None
    findings: list[dict[str, Any]] = field(default_factory=list)
    unresolved: int = 0
    copy_share: float = 0.0
    copy_of: str = ""  # the organ most copied from
    copy_of_share: float = 0.0
    previous: str = ""  # the input (or file) used as last year's report
    cells: dict[str, Any] | None = None
    prints: Prints | None = field(default=None, repr=False)  # a report file's, for the copy index

    @property
    def errors(self) -> int:
        return sum(1 for f in self.findings if f["severity"] == "error")

    @property
    def warnings(self) -> int:
        return sum(1 for f in self.findings if f["severity"] == "warning")

    @property
    def status(self) -> str:
        if self.fatal:
            return "unreadable"
        if self.errors:
            return "errors"
        if self.warnings:
            return "warnings"
        return "ok"

    def families(self) -> Counter[str]:
        return Counter(str(f["code"]).rstrip("0123456789") for f in self.findings)

    def worst(self, count: int = 3) -> list[tuple[dict[str, Any], int]]:
        """The first finding of each of the *count* worst codes (errors first, then the most
        frequent), with how many findings have that code."""
        rank = {"error": 0, "warning": 1, "info": 2}
        first: dict[str, dict[str, Any]] = {}
        counts: Counter[str] = Counter()
        for f in self.findings:
            first.setdefault(f["code"], f)
            counts[f["code"]] += 1
        codes = sorted(first, key=lambda c: (rank.get(first[c]["severity"], 3), -counts[c], c))
        return [(first[c], counts[c]) for c in codes[:count]]


# -- pass 1: read -------------------------------------------------------------------------
_tmpdir: str | None = None
_want_prints = True


def _init_read(tmpdir: str, want_prints: bool) -> None:
    global _tmpdir, _want_prints
    _tmpdir, _want_prints = tmpdir, want_prints


def _spec(doc: ReportDocument) -> FormatSpec | None:
    try:
        return load_spec(doc.format_version or DEFAULT_FORMAT)
    except UnknownFormatError:
        return None


def _read(item: tuple[int, str]) -> Meta:
    index, name = item
    path = Path(name)
    if form_of(path) == "toml":
        # a report file is parsed once, in pass 2; its organ and year are read cheaply here
        meta = Meta(index, name, "toml")
        found = sniff_organ_year(path) if path.is_file() else None
        if found is not None:
            meta.organ, meta.year = found
        return meta
    try:
        loaded = load_input(Path(name))
    except Exception as exc:  # a reader's bug must not stop the batch: the input gets a row
        return Meta(index, name, "?", fatal=import_crashed(name, exc))
    return _meta(index, loaded)


def _meta(index: int, loaded: Loaded) -> Meta:
    meta = Meta(index, loaded.name, loaded.form, loaded.fatal)
    doc = loaded.doc
    if doc is None:
        return meta
    meta.organ = (doc.organ or "").strip()
    meta.year = doc.year
    meta.published, meta.observations, meta.unresolved = (
        loaded.published,
        loaded.observations,
        loaded.unresolved,
    )
    if loaded.form != "toml":
        from govreport.fsutil import write_atomic

        assert _tmpdir is not None
        target = Path(_tmpdir) / f"{index}.toml"
        write_atomic(target, doc.text, overwrite=True)
        meta.text_file = str(target)
    spec = _spec(doc)
    if _want_prints and spec is not None:
        meta.prints = fingerprints(doc, spec)
    return meta


# -- pass 2: lint -------------------------------------------------------------------------
@dataclass
class _Shared:
    options: CheckOptions
    metas: list[Meta]
    by_key: dict[tuple[str, int], int]
    copies: dict[int, CopyResult] | None  # None in pass 2 (not known yet), set for pass 3
    finder: PreviousFinder
    want_prints: bool = True


_shared: _Shared | None = None


def _init_lint(shared: _Shared) -> None:
    global _shared
    _shared = shared


def _document(meta: Meta) -> ReportDocument:
    if meta.text_file is not None:
        text = Path(meta.text_file).read_text(encoding="utf-8")
        return ReportDocument.from_text(text, Path(meta.name))
    return ReportDocument.load(meta.name)


def _copy_problems(
    doc: ReportDocument, spec: FormatSpec, result: CopyResult | None, lang: str
) -> list[Problem]:
    if result is None:
        return []
    out = []
    for copy in result.copies:
        where = spec.describe(copy.path, lang)
        year = doc.year if doc.year is not None else ""
        message = (
            f"“{where}” paragraph {copy.number}: {copy.share:.0%} of it is also in the {year} report of {copy.other} (内容雷同)"
            if lang == "en"
            else f"「{where}」第 {copy.number} 段有 {copy.share:.0%} 的内容与{copy.other} {year} 年报告相同（内容雷同）"
        )
        out.append(Problem(copy.path, message, offset=copy.offset))
    return out


def _where(doc: ReportDocument, spec: FormatSpec, finding: Finding, form: str) -> dict[str, Any]:
    """Where a finding points, in terms that hold for an imported report too: the table cell
    (table, row, column) or the paragraph of a text."""
    path = tuple(str(p) for p in finding.path)
    where: dict[str, Any] = {"path": finding.dotted_path}
    if form == "toml":
        where["line"], where["column"] = finding.line, finding.column
    labels = spec.cell_labels.get(path)
    if labels is not None:
        section = spec.node(path[:1])
        number = section.table_number if section else ""
        where["cell"] = {"table": number, "row": labels[0], "column": labels[1]}
        return where
    node = spec.node(path)
    value = doc.get(path)
    if node is not None and node.is_text and finding.offset is not None and isinstance(value, str):
        # paragraphs are the lines of the text; blank lines are not paragraphs
        lines = value[: finding.offset].split("\n")
        where["paragraph"] = sum(1 for line in lines[:-1] if line.strip()) + 1
    return where


def _lint(index: int) -> CheckRecord:
    from govreport.lint.context import LintContext
    from govreport.lint.engine import lint_document
    from govreport.lint.rules.plausibility import organ_level
    from govreport.lint.rules.supervision import signature_date

    assert _shared is not None
    shared = _shared
    meta = shared.metas[index]
    record = CheckRecord(index, meta.name, meta.form, organ=meta.organ, year=meta.year, fatal=meta.fatal)
    record.unresolved = meta.unresolved
    if meta.fatal:
        return record
    options = shared.options
    try:
        config = options.explicit_config or find_config(Path(meta.name))
    except ConfigError as exc:
        raise CheckConfigError(str(exc)) from None
    config = config.with_overrides(select=options.select or None, ignore=options.ignore)
    try:
        doc = _document(meta)
    except (ReportError, OSError) as exc:
        record.fatal = getattr(exc, "message", None) or f"{meta.name}: {exc}"
        return record
    spec = _spec(doc)
    record.format = doc.format_version or ""
    previous: ReportDocument | None = None
    if meta.year is not None and meta.organ:
        prior = shared.by_key.get((meta.organ, meta.year - 1))
        if prior is not None:
            try:
                previous = _document(shared.metas[prior])
                record.previous = shared.metas[prior].name
            except (ReportError, OSError):
                previous = None
    if previous is None and meta.form == "toml":
        found = shared.finder.previous_path(Path(meta.name), doc.organ, doc.year)
        if found is not None:
            previous = shared.finder.previous_of(Path(meta.name), doc)
            record.previous = str(found) if previous is not None else ""
    if meta.form == "toml" and shared.want_prints and shared.copies is None and spec is not None:
        record.prints = fingerprints(doc, spec)
    copy = shared.copies.get(index) if shared.copies is not None else None
    extra: dict[str, Any] = {
        "source": SourceInfo(meta.form, meta.published, meta.observations),
        "copied": _copy_problems(doc, spec, copy, options.lang) if spec is not None else [],
    }
    findings = lint_document(
        doc, lang=options.lang, config=config, previous=previous, options=extra, positions=meta.form == "toml"
    )
    if spec is not None:
        ctx = LintContext(doc, spec, options.lang, {"defaults": config.defaults})
        record.level = organ_level(ctx) or ""
        if meta.published is not None:
            record.published, record.published_from = meta.published.isoformat(), "page"
        else:
            signed = signature_date(ctx)
            if signed is not None:
                record.published, record.published_from = signed.isoformat(), "signature"
    for finding in findings:
        item = finding.to_dict()
        item["file"] = meta.name
        if spec is not None:
            item["where"] = _where(doc, spec, finding, meta.form)
        record.findings.append(item)
    if copy is not None:
        record.copy_share = copy.share
        if copy.copies:
            top = Counter[str]()
            for c in copy.copies:
                top[c.other] += 1
            record.copy_of = top.most_common(1)[0][0]
            record.copy_of_share = max(c.share for c in copy.copies if c.other == record.copy_of)
    want = options.keep_cells
    on_cell = spec is not None and any("cell" in f.get("where", {}) for f in record.findings)
    if spec is not None and (want == "all" or (want == "findings" and on_cell)):
        record.cells = {".".join(cell.path): doc.get(cell.path) for cell in spec.cells()}
    return record


def _jobs(count: int, jobs: int | None, sources: int) -> int:
    if jobs is not None:
        return max(1, jobs)
    threshold = 4 if sources else 64
    return 1 if count < threshold else max(1, min(cpu_count(), count))


def check_paths(
    paths: Sequence[Path],
    options: CheckOptions,
    *,
    jobs: int | None = None,
    progress: Callable[[str, int, int], None] | None = None,
) -> Iterator[CheckRecord]:
    """The records of *paths*, in order.  Raises CheckConfigError for an unusable configuration."""
    names = [str(p) for p in paths]
    sources = sum(1 for p in paths if p.suffix.lower() != ".toml")
    workers = _jobs(len(names), jobs, sources)
    if workers > 1 and len(names) >= 64:
        from govreport import toml

        toml.use_fast_parser()
    with tempfile.TemporaryDirectory(prefix="govreport-check-") as tmpdir:
        metas = list(
            map_in_workers(
                _read,
                list(enumerate(names)),
                jobs=workers if sources else 1,  # report files are only sniffed: no workers needed
                chunksize=SOURCE_CHUNK if sources else TOML_CHUNK,
                initializer=_init_read,
                initargs=(tmpdir, options.copies),
                progress=(lambda d, t: progress("read", d, t)) if progress else None,
            )
        )
        by_key: dict[tuple[str, int], int] = {}
        for meta in metas:
            if meta.fatal is None and meta.organ and meta.year is not None:
                by_key.setdefault((meta.organ, meta.year), meta.index)
        finder = PreviousFinder()
        finder.prepare([Path(m.name) for m in metas if m.form == "toml"])
        shared = _Shared(options, metas, by_key, None, finder, options.copies)
        lint_progress = (lambda d, t: progress("lint", d, t)) if progress else None
        records = map_in_workers(
            _lint,
            list(range(len(metas))),
            jobs=workers,
            chunksize=SOURCE_CHUNK if sources else TOML_CHUNK,
            initializer=_init_lint,
            initargs=(shared,),
            progress=lint_progress,
        )
        if not options.copies:
            yield from records
            return
        # 内容雷同 needs every report's fingerprints: the records wait (small: findings only),
        # then the few reports with copied paragraphs are linted again with them (pass 3).
        index = CopyIndex()
        kept: list[CheckRecord] = []
        for record in records:
            prints = record.prints if record.prints is not None else metas[record.index].prints
            if prints is not None:
                index.add(record.index, prints)
            record.prints = None
            metas[record.index].prints = None
            kept.append(record)
        copies = {i: c for i, c in index.matches().items() if c.copies or c.share}
        del index
        again = [i for i, c in copies.items() if c.copies]
        shared = _Shared(options, metas, by_key, copies, finder, False)
        redone: dict[int, CheckRecord] = {}
        if again:
            for record in map_in_workers(
                _lint,
                again,
                jobs=min(workers, len(again)),
                chunksize=SOURCE_CHUNK if sources else TOML_CHUNK,
                initializer=_init_lint,
                initargs=(shared,),
            ):
                redone[record.index] = record
        for record in kept:
            final = redone.get(record.index, record)
            copy = copies.get(record.index)
            if copy is not None and record.index not in redone:
                final.copy_share = copy.share
            yield final


SEVERITY_ORDER = [s.value for s in Severity]
