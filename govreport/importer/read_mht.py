"""MHT/MHTML (a web page saved by Internet Explorer, Edge or WPS as one MIME file).

The standard library's email package parses the MIME structure and undoes the
quoted-printable or base64 transfer encoding; the first ``text/html`` part is the page.
"""

from __future__ import annotations

import email
import email.policy

from govreport.importer.blocks import ReadError


def looks_like_mht(data: bytes) -> bool:
    head = data[:2048].lower()
    return b"mime-version:" in head and b"multipart/" in head


def html_part(data: bytes) -> tuple[bytes, str | None]:
    """The bytes of the page's HTML part and its declared charset."""
    try:
        message = email.message_from_bytes(data, policy=email.policy.compat32)
    except Exception as exc:  # the email parser is lenient; this is a safety net
        raise ReadError(f"MHT 网页存档无法解析（{type(exc).__name__}）") from None
    for part in message.walk():
        if part.get_content_type() != "text/html":
            continue
        payload = part.get_payload(decode=True)
        if isinstance(payload, bytes) and payload.strip():
            return payload, part.get_content_charset()
    raise ReadError("是 MHT 网页存档，但其中没有 HTML 网页部分，无法导入")
