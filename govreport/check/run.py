"""``govreport check``: many reports in any form, imported in memory and linted by lint's engine.

The inputs go through up to three passes, each shared among worker processes (one per CPU;
:func:`govreport.lint.batch.map_in_workers`) when it is big enough to pay for starting them:

1. **read** — each published report is imported (:mod:`.inputs`); its report text is kept in
   memory, compressed (a few KB a report, so that memory stays flat in the number of inputs),
   with its organ, year and sentence fingerprints.  Nothing is written to disk.  A report
   file is not parsed here: its organ and year are sniffed from its head while the
   directories are indexed for last year's reports (as ``lint`` does).
2. **lint** — each report file is parsed once, linted by
   :func:`govreport.lint.engine.lint_document` with its configuration (found upward from the
   input, as for ``lint``) and last year's report of the same organ (among the inputs in any
   form, else beside it as ``lint`` finds it), and fingerprinted.
3. **copies** — once every fingerprint is known (:mod:`.copies`, rule E8), the published
   reports are linted — from their text in memory, once, with what their source said
   (:class:`~govreport.lint.source.SourceInfo`) and their copied paragraphs — and the few
   report files with copied paragraphs are linted again.  With ``--no-copies`` the published
   reports are linted in pass 2 and there is no pass 3.

One bad input never stops the batch: it becomes a record with its reason.
"""

from __future__ import annotations

import datetime as _dt
import zlib
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from govreport.check.copies import CopyIndex, CopyResult, Prints, fingerprints
from govreport.check.inputs import Loaded, form_of, import_crashed, load_input
from govreport.format.spec import DEFAULT_FORMAT, FormatSpec, UnknownFormatError, load_spec
from govreport.lint.batch import BatchConfigError, RuleOptions, cpu_count, map_in_workers
from govreport.lint.discover import PreviousFinder
from govreport.lint.finding import Finding, Problem
from govreport.lint.source import SourceInfo
from govreport.report.document import ReportDocument, ReportError

SOURCE_CHUNK = 1  # an import takes tens of milliseconds: hand them out one at a time
TOML_CHUNK = 16
# Fewer items than this in a pass are done in this process: starting the workers would cost
# more than they save (an import takes 30 ms to seconds, a lint 3–10 ms).
MIN_PARALLEL_IMPORTS = 4
MIN_PARALLEL_LINTS = 16
MIN_PARALLEL_FILES = 64  # report files, as lint (PARALLEL_THRESHOLD)

CheckConfigError = BatchConfigError  # a configuration file that applies to an input is unusable


@dataclass(frozen=True)
class CheckOptions(RuleOptions):
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
    text: bytes | None = None  # the imported report's text, zlib-compressed (kept in memory)
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
_want_prints = True


def _init_read(want_prints: bool) -> None:
    global _want_prints
    _want_prints = want_prints


def _spec(doc: ReportDocument) -> FormatSpec | None:
    try:
        return load_spec(doc.format_version or DEFAULT_FORMAT)
    except UnknownFormatError:
        return None


def _read(item: tuple[int, str]) -> Meta:
    """Import the published report *item* (index, name)."""
    index, name = item
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
    meta.text = zlib.compress(doc.text.encode("utf-8"), 1)
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
    """The report of *meta*: an imported report from its text in memory (named as its
    source, so that the configuration's per-file-ignores apply), a report file from disk."""
    if meta.text is not None:
        text = zlib.decompress(meta.text).decode("utf-8")
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
    config = options.config_for(Path(meta.name))
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


def _jobs(workers: int, items: int, least: int) -> int:
    """Workers for a pass of *items*: in this process below *least* items."""
    return 1 if items < least else max(1, min(workers, items))


def check_paths(
    paths: Sequence[Path],
    options: CheckOptions,
    *,
    jobs: int | None = None,
    progress: Callable[[str, int, int], None] | None = None,
) -> Iterator[CheckRecord]:
    """The records of *paths*, in order.  Raises CheckConfigError for an unusable configuration."""
    names = [str(p) for p in paths]
    is_file = [form_of(p) == "toml" for p in paths]
    files = [i for i, toml_file in enumerate(is_file) if toml_file]
    sources = [i for i, toml_file in enumerate(is_file) if not toml_file]
    workers = max(1, jobs) if jobs is not None else cpu_count()
    least_files = 1 if jobs is not None else MIN_PARALLEL_FILES
    least_lints = 1 if jobs is not None else MIN_PARALLEL_LINTS
    if len(files) >= MIN_PARALLEL_FILES and _jobs(workers, len(files), least_files) > 1:
        from govreport import toml

        toml.use_fast_parser()  # a big batch: worth rtoml's import, inherited by the workers

    # pass 1: import the published reports; sniff the report files' organs and years
    finder = PreviousFinder()
    finder.prepare([paths[i] for i in files])
    metas: list[Meta] = [Meta(i, names[i], "toml") for i in range(len(names))]
    for i in files:
        found = finder.organ_year(paths[i])
        if found is not None:
            metas[i].organ, metas[i].year = found
    if sources:
        for meta in map_in_workers(
            _read,
            [(i, names[i]) for i in sources],
            jobs=_jobs(workers, len(sources), 1 if jobs is not None else MIN_PARALLEL_IMPORTS),
            chunksize=SOURCE_CHUNK,
            initializer=_init_read,
            initargs=(options.copies,),
            progress=(lambda d, t: progress("read", d, t)) if progress else None,
        ):
            metas[meta.index] = meta
    by_key: dict[tuple[str, int], int] = {}
    for meta in metas:
        if meta.fatal is None and meta.organ and meta.year is not None:
            by_key.setdefault((meta.organ, meta.year), meta.index)

    def lint_pass(
        items: list[int], copies: dict[int, CopyResult] | None, least: int
    ) -> Iterator[CheckRecord]:
        if not items:
            return iter(())
        shared = _Shared(options, metas, by_key, copies, finder, options.copies and copies is None)
        return map_in_workers(
            _lint,
            items,
            jobs=_jobs(workers, len(items), least),
            chunksize=TOML_CHUNK if len(items) >= MIN_PARALLEL_FILES else SOURCE_CHUNK,
            initializer=_init_lint,
            initargs=(shared,),
            progress=(lambda d, t: progress("lint", d, t)) if progress else None,
        )

    if not options.copies:
        # pass 2 only: every input is linted once, in order
        yield from lint_pass(list(range(len(metas))), None, least_files if not sources else least_lints)
        return

    # pass 2: the report files (parsed, linted and fingerprinted); their records wait (small:
    # findings only) until the copies are known
    records: dict[int, CheckRecord] = {}
    index = CopyIndex()
    for record in lint_pass(files, None, least_files):
        if record.prints is not None:
            index.add(record.index, record.prints)
        record.prints = None
        records[record.index] = record
    for i in sources:
        prints = metas[i].prints
        if prints is not None:
            index.add(i, prints)
        metas[i].prints = None
    copies = {i: c for i, c in index.matches().items() if c.copies or c.share}
    del index

    # pass 3: the published reports, and the report files with copied paragraphs, with them
    again = sorted(sources + [i for i in files if i in copies and copies[i].copies])
    for record in lint_pass(again, copies, least_lints):
        records[record.index] = record
    linted_before = set(files)
    for i in range(len(metas)):
        record = records.pop(i)
        copy = copies.get(i)
        if copy is not None and i in linted_before and not copy.copies:
            record.copy_share = copy.share  # linted in pass 2, before the copies were known
        yield record
