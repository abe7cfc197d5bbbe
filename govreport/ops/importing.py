"""Import: a published report (text, a saved web page, Word, PDF; or the bytes of standard
input) as the text of a report file, with the summary of how each value was read."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, BinaryIO

from govreport.i18n import t
from govreport.ops.errors import OperationError

if TYPE_CHECKING:
    from govreport.importer.assemble import ImportResult

STDIN = "-"


@dataclass
class ImportOptions:
    source: str  # a file, or "-" for *stdin*
    kind: str | None = None  # text, html, mht, docx, pdf; None: from the name, else the content
    stdin: BinaryIO | None = None  # read when source is "-"


@dataclass
class Imported:
    result: ImportResult
    name: str  # the source as messages name it

    def summary(self) -> list[str]:
        from govreport.importer.assemble import summary_lines

        return summary_lines(self.result, self.name)


def import_report(options: ImportOptions) -> Imported:
    """The report file made from the source of *options*; OperationError if the source cannot
    be read or imported, or if the result would be too large for the other commands."""
    from govreport.fsutil import UnreadableFile, read_stream_bounded
    from govreport.importer.assemble import SourceError, import_bytes, import_path
    from govreport.limits import MAX_INPUT_BYTES

    source = options.source
    name = "<stdin>" if source == STDIN else source
    try:
        if source == STDIN:
            if options.stdin is None:
                raise SourceError(t(f"{name}: 没有可读取的标准输入", f"{name}: no standard input to read"))
            data = read_stream_bounded(options.stdin, MAX_INPUT_BYTES, name)
            result = import_bytes(data, name, options.kind)  # recognised by its content
        else:
            result = import_path(source, options.kind)
    except (SourceError, UnreadableFile) as exc:
        raise OperationError(str(exc)) from None
    if len(result.text.encode("utf-8")) > MAX_INPUT_BYTES:
        # every file import writes must be readable by lint, fmt, render and edit
        limit = MAX_INPUT_BYTES // (1024 * 1024)
        raise OperationError(
            f"{name}: 导入结果超过 {limit} MB 的报告文件上限，其他命令将无法读取，未写入",
            f"{name}: the imported report is over the {limit} MB limit of a report file "
            "that the other commands read; not written",
        )
    return Imported(result, name)
