"""Every limit on what govreport reads, in one place (documented in docs/limits.md).

Each limit turns an input that could take unbounded time or memory into a one-line Chinese
message and exit status 2.  Import a constant from here rather than writing a number in a
reader: the same limit then holds for every command (a file that ``import`` writes can
always be read by ``lint``, ``fmt``, ``render`` and ``edit``).

This module imports nothing: the lint path may use it.
"""

from __future__ import annotations

MIB = 1024 * 1024

# --- every command -----------------------------------------------------------------------

#: The largest file any command reads: a report file (lint, fmt, render, edit, new --from,
#: lint --previous), a source for import (text, HTML, .mht, Word, PDF) and standard input
#: (``import -``, read in chunks and stopped here).  A real report is 20–200 KB of text; a
#: Word or PDF file with pictures a few MB.  ``import`` refuses to write a report file larger
#: than this, so that every file it writes can be read by the other commands.
MAX_INPUT_BYTES = 8 * MIB

#: Standard input is read in chunks of this size, so that an endless or huge stream is
#: stopped at MAX_INPUT_BYTES without holding more than the limit in memory.
STDIN_CHUNK_BYTES = 64 * 1024

# --- lint ----------------------------------------------------------------------------------

#: An unknown key gets a did-you-mean (S1) for the first this many unknown keys of a table;
#: beyond, the finding is reported without one (each costs a fuzzy match against the table).
MAX_SUGGESTIONS_PER_TABLE = 100

# --- import: readers ----------------------------------------------------------------------

#: A .docx (zip) is refused when its members uncompress to more than this in total (counted
#: while reading the actual bytes, not only the sizes the zip declares): a 500 KB zip bomb
#: otherwise reaches gigabytes.  A report with pictures is a few MB.
DOCX_MAX_UNCOMPRESSED_BYTES = 64 * MIB

#: One XML part of a .docx (document.xml of a long report is about 2 MB).
DOCX_MAX_XML_PART_BYTES = 32 * MIB

#: A .docx is refused when its XML parts hold more elements than this (counted before parsing).
DOCX_MAX_ELEMENTS = 2_000_000

#: A .docx is refused when its zip has more members than this.
DOCX_MAX_MEMBERS = 2000

#: HTML is read at any nesting depth in linear time up to the parser's own limit (libxml2
#: with huge_tree: 2048 levels); a page nested deeper would lose content, so it is refused.
HTML_MAX_DEPTH = 2048

#: A PDF with more pages than this is refused (a report is a few dozen pages).
PDF_MAX_PAGES = 400

#: A PDF's compressed streams are checked before the PDF library decodes any of them (a
#: "deflate bomb" of a few MB would otherwise decode to gigabytes): one page content stream,
#: cmap or object stream may decode to at most PDF_MAX_STREAM_BYTES, one font program or
#: image to PDF_MAX_BIG_STREAM_BYTES (a full embedded CJK font is 10-20 MB), all of them
#: together to PDF_MAX_DECODED_BYTES.
PDF_MAX_STREAM_BYTES = 32 * MIB
PDF_MAX_BIG_STREAM_BYTES = 64 * MIB
PDF_MAX_DECODED_BYTES = 256 * MIB

# --- import: splitting runs of digits (set by the splitter's owner) ------------------------

#: A run of digits longer than this (a row's values printed without separators) is not
#: split: its cells become "?" with the reason.
MAX_RUN_DIGITS = 40

#: The comment of a cell import leaves "?" lists its possible values (and the editor offers
#: them): at most this many, then how many were left out.  A real row has a handful.
MAX_SHOWN_CANDIDATES = 50
