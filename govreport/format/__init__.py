"""The official report format, read from its JSON Schema (``schemas/format-*.schema.json``).

Everything the other parts of govreport know about the format (labels, table layout,
sum relations) comes from here; nothing else re-types a label.
"""

from govreport.format.spec import FormatSpec, Node, UnknownFormatError, available_formats, load_spec

__all__ = ["FormatSpec", "Node", "UnknownFormatError", "available_formats", "load_spec"]
