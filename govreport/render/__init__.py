"""Render a report as HTML (a standalone page or a fragment for a CMS) or as Markdown.

``render_report(doc, "html" | "md")`` is the entry point for the CLI, the TUI and the importer;
``build_model`` gives the render model that the templates see.
"""

from govreport.render.engine import FORMATS, render_report
from govreport.render.model import RenderError, RenderModel, build_model

__all__ = ["FORMATS", "RenderError", "RenderModel", "build_model", "render_report"]
