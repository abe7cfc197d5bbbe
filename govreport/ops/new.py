"""A new year's report: the checks on what was asked, the scaffold, the file's text."""

from __future__ import annotations

import datetime as _dt
import os
from dataclasses import dataclass, field

from govreport.format.spec import DEFAULT_FORMAT, FormatSpec, UnknownFormatError, load_spec
from govreport.i18n import t
from govreport.ops.errors import OperationError


class NewReportError(OperationError):
    """What was asked cannot make a report; ``message`` says why, ``option`` names the culprit
    (a wrong ``--level`` is a wrong value, the others a usage error)."""

    def __init__(self, message: str, option: str | None = None) -> None:
        super().__init__(message, option=option, bad_value=option == "--level")


@dataclass
class NewReport:
    spec: FormatSpec
    organ: str
    year: int
    text: str
    notes: list[str] = field(default_factory=list)  # what the scaffold carried over or could not
    warnings: list[str] = field(default_factory=list)  # what the user should know before using it

    @property
    def default_filename(self) -> str:
        return f"{safe_filename(self.organ)}-{self.year}.toml"


def prepare_new_report(
    *,
    year: int | None,
    organ: str | None,
    level: str | None = None,
    previous: str | os.PathLike[str] | None = None,
    format_version: str = DEFAULT_FORMAT,
    schema_ref: str | None = None,
    new_file: str | os.PathLike[str] | None = None,
) -> NewReport:
    """The text of a new report (nothing is written), or :class:`NewReportError`.

    Without *year*, the year after *previous*'s (else last calendar year).  With *previous*,
    the new file records it (``[report] previous``) relative to *new_file*'s directory (the
    current directory when None), so that lint compares with exactly that file."""
    from govreport.report.document import ReportDocument, ReportError, get_in
    from govreport.report.scaffold import new_report, relative_ref
    from govreport.report.writer import write_report_toml

    try:
        spec = load_spec(format_version)
    except UnknownFormatError:
        raise NewReportError(
            t(f"未知的格式版本 {format_version!r}", f"unknown format version {format_version!r}"),
            "--format-version",
        ) from None
    levels = [str(v) for v in spec[spec.preamble_path("level")].schema.get("enum", [])]
    if level is not None and level not in levels:
        raise NewReportError(
            t(f"应为以下之一：{'、'.join(levels)}", f"must be one of: {', '.join(levels)}"), "--level"
        )

    warnings: list[str] = []
    last = None
    if previous:
        try:
            last = ReportDocument.load(previous)
        except ReportError as exc:
            raise NewReportError(
                t(f"无法读取上年报告：{exc.shown}", f"cannot read last year's report: {exc.shown}")
            ) from None
        if last.format_version not in (None, spec.version):
            warnings.append(
                t(
                    f"注意：上年报告为 {last.format_version} 年格式，只结转两种格式共有的数据",
                    f"note: last year's report is in the {last.format_version} format; only the data both "
                    "formats have is carried over",
                )
            )

    if year is None:
        year = last.year + 1 if last is not None and last.year is not None else _dt.date.today().year - 1
    if last is not None and last.year is not None and last.year != year - 1:
        warnings.append(
            t(
                f"注意：上年报告是 {last.year} 年的，新报告是 {year} 年的",
                f"note: last year's report is for {last.year}, the new report for {year}",
            )
        )
    if not organ and last is not None and not last.organ:
        raise NewReportError(
            t(
                f"上年报告 {previous} 没有写明机关名称（[report] organ），请用 --organ 给出",
                f"last year's report {previous} does not name the organ ([report] organ); give it with --organ",
            )
        )
    if not organ and last is None:
        raise NewReportError(
            t(
                "请用 --organ 给出机关名称（或用 --from 指定上年报告）",
                "give the organ with --organ (or last year's report with --from)",
            ),
            "--organ",
        )

    ref = relative_ref(previous, new_file) if previous else None
    scaffold = new_report(spec, year=year, organ=organ, level=level, previous=last, previous_ref=ref)
    text = write_report_toml(spec, scaffold.data, schema_ref=schema_ref, templates=True)
    name = str(get_in(scaffold.data, spec.preamble_path("organ")))
    return NewReport(spec, name, year, text, list(scaffold.notes), warnings)


def safe_filename(name: str) -> str:
    """*name* as a file name: no path separators, no characters Windows refuses."""
    return "".join("_" if ch in '/\\:*?"<>|' or ord(ch) < 32 else ch for ch in name).strip() or "report"
