"""Render: a report as an HTML page or fragment, Markdown or a Word file.  Two steps, so that
the caller can report the lint findings before the rendering: :func:`prepare_render` reads and
lints the report, :func:`render` makes the output."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from govreport.ops.errors import OperationError, usage_error

if TYPE_CHECKING:
    from govreport.format.spec import FormatSpec
    from govreport.lint.finding import Finding
    from govreport.report.document import ReportDocument

SUFFIXES = {".html": "html", ".htm": "html", ".md": "md", ".markdown": "md", ".docx": "docx"}


@dataclass
class RenderOptions:
    file: str
    to: str | None = None  # html, md, docx; None: from the output's suffix, else html
    output: str | None = None  # None or "-": standard output
    fragment: bool = False
    template_dir: Path | None = None
    template: Path | None = None  # Word: the styles and page set-up of this document
    lang: str = "zh"  # of the findings
    output_is_terminal: bool = False  # standard output is a terminal (no Word file there)


@dataclass
class RenderPlan:
    """A report read and linted, ready to render."""

    options: RenderOptions
    to: str
    doc: ReportDocument
    spec: FormatSpec
    findings: list[Finding]

    @property
    def errors(self) -> list[Finding]:
        from govreport.lint.finding import Severity

        return [f for f in self.findings if f.severity is Severity.ERROR]

    @property
    def warnings(self) -> int:
        from govreport.lint.finding import Severity

        return sum(1 for f in self.findings if f.severity is Severity.WARNING)


def output_type(to: str | None, output: str | None) -> str:
    """The output format: *to*, else from *output*'s suffix, else html."""
    if to is not None:
        return to
    return SUFFIXES.get(Path(output).suffix.lower(), "html") if output and output != "-" else "html"


def prepare_render(options: RenderOptions) -> RenderPlan:
    """The report of *options* read and linted; OperationError for options that do not go
    together, an output folder that does not exist, or a report that cannot be read."""
    from govreport.lint.engine import lint_document
    from govreport.render import RenderError
    from govreport.render.model import spec_for
    from govreport.report.document import ReportDocument, ReportError, ReportSyntaxError

    to, output, file = output_type(options.to, options.output), options.output, options.file
    if options.fragment and to != "html":
        raise usage_error(
            "--fragment 只用于 HTML 输出（--to html）",
            "--fragment",
            "--fragment is for HTML output only (--to html)",
        )
    if options.template is not None and to != "docx":
        raise usage_error(
            "--template 只用于 Word 输出（--to docx）；HTML 模板请用 --template-dir",
            "--template",
            "--template is for Word output only (--to docx); for HTML templates use --template-dir",
        )
    if to == "docx" and (output is None or output == "-") and options.output_is_terminal:
        raise usage_error(
            "Word 文件不能输出到终端，请用 -o 指定文件（如 -o 报告.docx）",
            "--output",
            "a Word file cannot go to the terminal; name a file with -o (e.g. -o report.docx)",
        )
    if output and output != "-":
        parent = Path(output).parent
        if not parent.is_dir():
            raise OperationError(
                f"无法写入 {output}：目录 {parent} 不存在",
                f"cannot write {output}: the directory {parent} does not exist",
            )
    try:
        doc = ReportDocument.load(file)
        spec = spec_for(doc)
    except ReportSyntaxError as exc:
        raise OperationError(
            f"{file}:{exc.line}:{exc.column}: {exc.message}", f"{file}:{exc.line}:{exc.column}: {exc.shown}"
        ) from None
    except ReportError as exc:
        raise OperationError(exc.message, exc.shown) from None
    except RenderError as exc:
        raise OperationError(f"{file}: {exc.message}") from None
    return RenderPlan(options, to, doc, spec, lint_document(doc, lang=options.lang))


def render(plan: RenderPlan) -> str | bytes:
    """The output of *plan*: text, or the bytes of a Word file; OperationError for a template
    that cannot be used."""
    from govreport.render import RenderError, render_report

    options = plan.options
    try:
        if plan.to == "docx":
            from govreport.render.word import render_docx

            return render_docx(
                plan.doc, spec=plan.spec, template=options.template, template_dir=options.template_dir
            )
        return render_report(
            plan.doc, plan.to, fragment=options.fragment, template_dir=options.template_dir, spec=plan.spec
        )
    except RenderError as exc:
        raise OperationError(exc.message) from None
