"""The preamble: organ and year (from the title), statistics period, website, contact.

Only what the text states is taken; a field the preamble does not give is left out and the
importer keeps the scaffold's placeholder for it (which lint reports).
"""

from __future__ import annotations

import datetime as _dt
import re
from dataclasses import dataclass, field

_TITLE = re.compile(
    r"(?P<before>.*?)(?P<year>(?:19|20)\d{2})年度?(?P<after>.*?)政府信息公开(?:工作)?(?:年度)?报告"
)
_PERIOD = re.compile(
    r"(\d{4})年(\d{1,2})月(\d{1,2})日(?:起)?(?:至|到|—|－|-|～|~)(?:\d{4}年)?(\d{1,2})月(\d{1,2})日"
)
_PERIOD_FULL = re.compile(
    r"(\d{4})年(\d{1,2})月(\d{1,2})日(?:起)?(?:至|到|—|－|-|～|~)(\d{4})年(\d{1,2})月(\d{1,2})日"
)
_WEBSITE = re.compile(
    r"(?:电子版|全文)[^。]{0,12}?(?:可在|可以在|可从|可登录|可通过|在|从|登录|通过)(?P<site>[^。；;]{2,120}?)"
    r"(?:上)?(?:查阅|下载|查看|浏览|获取|阅读)"
)
_WEBSITE_FIELD = re.compile(r"(?:电子版查阅网站|查阅网址|网址)[:：](?P<site>[^。；;，,\s]+)")
_OFFICE = re.compile(
    r"(?:请与|请联系[:：]?|联系单位[:：]|联系机构[:：]|联系部门[:：])(?P<office>[^，,。；;：:（(]{2,60}?)(?:联系|[，,。；;（(]|$)"
)
_ADDRESS = re.compile(
    r"(?:通讯地址|通信地址|联系地址|办公地址|地址)[:：](?P<address>[^，,；;。）)]{2,80}?)(?=[，,；;。）)]|邮编|邮政编码|电话|$)"
)
_POSTCODE = re.compile(r"(?:邮编|邮政编码)[:：]?(?P<postcode>\d{6})(?!\d)")
_PHONE = re.compile(r"(?:联系电话|电话|咨询电话)[:：]?(?P<phone>\(?\d[\d\-－—()（）]{5,}\d)")
_EMAIL = re.compile(r"(?:电子邮箱|电子邮件|邮箱|E-?mail)[:：]?(?P<email>[\w.+-]+@[\w-]+(?:\.[\w-]+)+)", re.I)
_META_PREFIX = re.compile(
    r"^(?:#+|标题[:：]|题目[:：]|文章标题[:：]|名称[:：])"
)  # Markdown heading, page metadata


@dataclass
class ImportedPreamble:
    organ: str | None = None
    year: int | None = None
    period: tuple[_dt.date, _dt.date] | None = None
    website: str | None = None
    contact: dict[str, str] = field(default_factory=dict)


def compact(text: str) -> str:
    """Text without white space (CJK text has none that matters; numbers lose their padding)."""
    return re.sub(r"[\s\u00a0\u3000]+", "", text)


def _title(lines: list[str]) -> tuple[str | None, int | None]:
    for i, line in enumerate(lines):
        c = _META_PREFIX.sub("", compact(line))
        m = _TITLE.search(c)
        if not m and i + 1 < len(lines) and re.search(r"(?:19|20)\d{2}年", c) and len(c) <= 60:
            c = c + _META_PREFIX.sub("", compact(lines[i + 1]))  # a title wrapped over two lines
            m = _TITLE.search(c)
        if not m or len(c) > 80:
            continue
        organ = (m.group("before") + m.group("after")).strip("《》“”\"'：:")
        if not organ and i > 0:
            prev = _META_PREFIX.sub("", compact(lines[i - 1]))
            if 2 <= len(prev) <= 40 and "。" not in prev and not re.search(r"\d{4}", prev):
                organ = prev
        return (organ if 2 <= len(organ) <= 60 else None), int(m.group("year"))
    return None, None


def _date(y: str, m: str, d: str) -> _dt.date | None:
    try:
        return _dt.date(int(y), int(m), int(d))
    except ValueError:
        return None


def _website(text: str) -> str | None:
    m = _WEBSITE_FIELD.search(text) or _WEBSITE.search(text)
    if not m:
        return None
    site = m.group("site")
    site = re.sub(r"[<>]", "", site)
    site = re.sub(r"网站上(?=[（(]|$)", "网站", site)
    site = site.removesuffix("上")
    return site.strip("，,：:") or None


def read_preamble(lines: list[str], title_hint: str | None = None) -> ImportedPreamble:
    """Extract the preamble fields from the lines before section 一 (and a title from outside)."""
    pre = ImportedPreamble()
    pre.organ, pre.year = _title(lines[:12])
    if (pre.organ is None or pre.year is None) and title_hint:
        organ, year = _title([title_hint])
        pre.organ = pre.organ or organ
        pre.year = pre.year or year
    text = compact("\n".join(lines))
    m = _PERIOD_FULL.search(text)
    if m:
        start, end = _date(*m.group(1, 2, 3)), _date(*m.group(4, 5, 6))
        if start and end and start <= end:
            pre.period = (start, end)
    elif (m := _PERIOD.search(text)) is not None:
        start, end = _date(*m.group(1, 2, 3)), _date(m.group(1), m.group(4), m.group(5))
        if start and end and start <= end:
            pre.period = (start, end)
    if pre.year is None and pre.period is not None:
        pre.year = pre.period[0].year
    pre.website = _website(text)
    for key, pattern in (
        ("office", _OFFICE),
        ("address", _ADDRESS),
        ("postcode", _POSTCODE),
        ("phone", _PHONE),
        ("email", _EMAIL),
    ):
        found = pattern.search(text)
        if found:
            pre.contact[key] = found.group(key).strip()
    return pre
