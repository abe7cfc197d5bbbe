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

# --- import: readers (set by the readers' owner; these values are placeholders until then) --

#: A .docx (zip) is refused when its members would uncompress to more than this in total.
DOCX_MAX_UNCOMPRESSED_BYTES = 64 * MIB

#: A .docx is refused when its document has more XML elements than this.
DOCX_MAX_ELEMENTS = 2_000_000

#: HTML nested deeper than this is refused with a message (instead of taking minutes, or
#: content silently dropped by the parser).
HTML_MAX_DEPTH = 200

# --- import: splitting runs of digits (set by the splitter's owner) ------------------------

#: A run of digits longer than this (a row's values printed without separators) is not
#: split: its cells become "?" with the reason.
MAX_RUN_DIGITS = 40
