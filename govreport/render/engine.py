"""The Jinja2 environment and ``render_report``.

Templates ship in ``govreport/render/templates``; a user's ``--template-dir`` is searched
first, so any file placed there (a whole page, the table macro, the style sheet, the preamble
wording) replaces the packaged one of the same name.  Autoescaping is on for every template:
HTML templates escape for HTML, and the Markdown template escapes narrative with the ``md``
filter (anything printed without it is still HTML-escaped, which Markdown shows as text).
"""

from __future__ import annotations

import datetime as _dt
import re
from functools import cache
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup

from govreport import __version__
from govreport.format.spec import FormatSpec
from govreport.i18n import t
from govreport.render.model import RenderError, RenderModel, build_model
from govreport.report.document import ReportDocument

TEMPLATE_DIR = Path(__file__).resolve().parent / "templates"

#: The template rendered for each output (``--to``); ``--fragment`` renders ``FRAGMENT``.
TEMPLATES = {"html": "report.html.j2", "md": "report.md.j2"}
FRAGMENT = "body.html.j2"
FORMATS = tuple(TEMPLATES)

# Characters that are Markdown syntax anywhere in a line (CommonMark inline syntax, GFM
# tables, strikethrough and math, entity references, the closing #s of a heading).
_MD_INLINE = re.compile(r"([\\`*_\[\]<>&|~$#])")
# Template syntax of static-site generators that runs before Markdown (Jekyll's Liquid,
# Hugo shortcodes): a backslash does not stop it, an entity does.
_MD_BRACE = re.compile(r"\{(?=[{%#<])")
# What starts a block at the beginning of a line: list items, thematic breaks and setext
# underlines, ordered list items, definition lists (headings and quotes are escaped above).
_MD_LINE_START = re.compile(r"^(?:([+\-=:])|(\d{1,9})([.)]))")


def markdown_escape(value: Any) -> Markup:
    """*value* as Markdown text that every viewer shows literally, never as markup."""
    if isinstance(value, Markup):
        return value
    lines = []
    for line in str(value).split("\n"):
        line = _MD_INLINE.sub(r"\\\1", line.strip())
        line = _MD_BRACE.sub("&#123;", line)
        line = _MD_LINE_START.sub(lambda m: f"\\{m[1]}" if m[1] else f"{m[2]}\\{m[3]}", line)
        lines.append(line)
    return Markup("\n".join(lines))


# Control characters that HTML forbids in text (a parse error; a NUL is dropped or becomes
# U+FFFD, depending on the reader) and that Markdown viewers show as nothing.  Tab, LF and
# CR are text.  Each is written as U+FFFD, the replacement character: visible in the page,
# never raw (lint's C4 reports the value).
_CONTROLS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def neutralise_controls(value: Any) -> Any:
    """Jinja2's ``finalize``: every value a template prints, with control characters replaced."""
    if isinstance(value, str) and _CONTROLS.search(value):
        cleaned = _CONTROLS.sub("\ufffd", str(value))
        return Markup(cleaned) if isinstance(value, Markup) else cleaned
    return value


def _is_date(value: Any) -> bool:
    return isinstance(value, _dt.date) and not isinstance(value, _dt.datetime)


@cache
def environment(template_dir: str | None = None) -> jinja2.Environment:
    """The environment that loads *template_dir* (if any) before the packaged templates."""
    loaders: list[jinja2.BaseLoader] = []
    if template_dir is not None:
        loaders.append(jinja2.FileSystemLoader(template_dir))
    loaders.append(jinja2.FileSystemLoader(str(TEMPLATE_DIR)))
    env = jinja2.Environment(
        loader=jinja2.ChoiceLoader(loaders),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        finalize=neutralise_controls,
    )
    env.filters["md"] = markdown_escape
    env.tests["date"] = _is_date
    return env


@cache
def text_environment(template_dir: str | None = None) -> jinja2.Environment:
    """Like ``environment`` but without autoescaping: for plain text (the Word output)."""
    env = environment(template_dir).overlay(autoescape=False)
    return env


def preamble_text(model: RenderModel, template_dir: Path | None = None) -> str:
    """The preamble as plain text, from the ``preamble.j2`` macro (``mode="text"``)."""
    env = text_environment(str(template_dir) if template_dir is not None else None)
    try:
        template = env.from_string('{% import "preamble.j2" as pre %}{{ pre.preamble(doc, "text") }}')
        return " ".join(template.render(doc=model).split())
    except jinja2.TemplateError as exc:
        raise _template_error(exc) from None


def _template_error(exc: jinja2.TemplateError) -> RenderError:
    where = ""
    if isinstance(exc, jinja2.TemplateSyntaxError):
        where = f"{exc.filename or exc.name or '?'}:{exc.lineno}: "
    elif isinstance(exc, jinja2.TemplateNotFound):
        return RenderError(
            t(f"模板错误：找不到模板 {exc.name}", f"template error: template {exc.name} not found")
        )
    message = " ".join(str(exc.message or exc).split())
    return RenderError(t(f"模板错误：{where}{message}", f"template error: {where}{message}"))


def render_report(
    doc: ReportDocument,
    to: str,
    *,
    fragment: bool = False,
    template_dir: Path | None = None,
    spec: FormatSpec | None = None,
) -> str:
    """Render *doc* as ``"html"`` (a standalone page, or with *fragment* only the report body)
    or ``"md"``.  Raises ``RenderError`` (a one-line message) for an unknown format or a
    broken template; a report with lint errors renders as it is."""
    if to not in TEMPLATES:
        raise ValueError(f"unknown output {to!r}; expected one of {', '.join(FORMATS)}")
    if fragment and to != "html":
        raise ValueError("fragment applies to HTML only")
    model = build_model(doc, spec)
    env = environment(str(template_dir) if template_dir is not None else None)
    try:
        template = env.get_template(FRAGMENT if fragment else TEMPLATES[to])
        return template.render(doc=model, generator=f"govreport {__version__}")
    except jinja2.TemplateError as exc:
        raise _template_error(exc) from None
