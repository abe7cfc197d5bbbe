"""Schema: the JSON Schema of a format, as text (for editors and other tools)."""

from __future__ import annotations

from govreport.ops.errors import usage_error


def schema_text(version: str) -> str:
    """The schema of format *version*; a usage error naming the known versions otherwise."""
    from govreport.format.spec import UnknownFormatError, available_formats, schema_path

    try:
        return schema_path(version).read_text(encoding="utf-8")
    except UnknownFormatError:
        known = ", ".join(available_formats())
        raise usage_error(
            f"未知的格式版本 {version!r}（可用：{known}）",
            "--format-version",
            f"unknown format version {version!r} (known: {known})",
        ) from None
