"""``govreport import``: turn a published report (text, HTML, Word) into a report file.

``import`` is a Python keyword, hence the package name.  The pipeline:

- a source reader (:mod:`.read_text`, :mod:`.read_html`, :mod:`.read_docx`) gives a
  :class:`~.blocks.SourceDocument` of paragraphs and tables;
- :mod:`.detect` chooses the format version from the labels the source uses;
- :mod:`.sections` finds the six sections and the sub-heads of 一;
- :mod:`.preamble` takes organ, year, period, website and contact from the preamble;
- :mod:`.tables` reads each table row's values as tokens, :mod:`.splitter` turns them into
  numbers, splitting runs of digits with the sum relations;
- :mod:`.assemble` builds the report data and writes it with the canonical writer.
"""

from govreport.importer.assemble import ImportResult, SourceError, import_bytes, import_path

__all__ = ["ImportResult", "SourceError", "import_bytes", "import_path"]
