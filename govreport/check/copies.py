"""内容雷同: paragraphs of one organ's report found in another organ's report of the same year.

Each sentence of the compared parts (the schema's anchors ``overview``, ``problems`` and
``other_matters``: 一, 五 and 六) is normalised — digits, years, punctuation, white space and the organ's own name
removed — and fingerprinted with an 8-byte hash.  One index maps (year, fingerprint) to the
organs whose reports contain it, so a batch of thousands costs one pass and memory in the
number of sentences, never all pairs.  A paragraph is reported when most of it (by
characters) is made of sentences found in another organ's report.

Boilerplate is not counted: sentences shorter than ``MIN_SENTENCE`` characters (stock phrases
such as 本年度未收取信息处理费), sentences that quote the regulations or the notice (the
preamble's formula), and sentences found in at least half the organs of a year in the batch
(when there are at least ``COMMON_MIN_ORGANS``): what every report contains is not copying.
"""

from __future__ import annotations

import hashlib
import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache

from govreport.format.spec import FormatSpec, KeyPath
from govreport.format.values import has_placeholder
from govreport.report.document import ReportDocument

MIN_SENTENCE = 12  # characters after normalisation
PARAGRAPH_SHARE = 0.5  # a paragraph is reported when this share of it is found elsewhere
PARAGRAPH_MIN_CHARS = 30
COMMON_SHARE = 0.5
COMMON_MIN_ORGANS = 4

_SENTENCE = re.compile(r"[^。！？!?；;\n]+[。！？!?；;]?")
_DROP = re.compile(r"[\s\d０-９〇零一二三四五六七八九十百千万.,，、：:（）()《》〈〉“”\"'‘’【】\[\]%％—\-·]+")
# Sentences that quote the law or the notice, which every report repeats.
_BOILERPLATE = re.compile(
    r"政府信息公开条例|国办公开办函|年度报告格式|本报告|统计期限|统计数据|电子版|查阅或下载|联系电话|邮编|地址"
)
_ORGAN_SUFFIX = re.compile(r"(人民政府|办事处|委员会|管理委员会)$")


def _fingerprint(text: str) -> int:
    return int.from_bytes(hashlib.blake2b(text.encode("utf-8"), digest_size=8).digest(), "big")


def _organ_names(organ: str) -> list[str]:
    organ = organ.strip()
    if not organ:
        return []
    names = [organ]
    short = _ORGAN_SUFFIX.sub("", organ)
    if short and short != organ and len(short) >= 2:
        names.append(short)
    return sorted(names, key=len, reverse=True)


def normalise(sentence: str, names: Iterable[str] = ()) -> str:
    for name in names:
        sentence = sentence.replace(name, "")
    return _DROP.sub("", sentence)


@dataclass(frozen=True)
class Paragraph:
    path: KeyPath
    number: int  # 1-based paragraph of the text
    offset: int  # character offset of the paragraph in the text
    chars: int  # normalised characters of the fingerprinted sentences
    prints: tuple[tuple[int, int], ...]  # (fingerprint, normalised length) per sentence


@dataclass
class Prints:
    """One report's fingerprints, small enough to keep for a batch of thousands."""

    organ: str
    year: int | None
    paragraphs: list[Paragraph] = field(default_factory=list)

    @property
    def chars(self) -> int:
        return sum(p.chars for p in self.paragraphs)


COPY_ANCHORS = ("overview", "problems", "other_matters")


@cache
def copy_paths(spec: FormatSpec) -> tuple[KeyPath, ...]:
    """The text fields compared across organs: those of the sections named by COPY_ANCHORS
    (once per format)."""
    out: list[KeyPath] = []
    for name in COPY_ANCHORS:
        if spec.has_anchor(name):
            node = spec[spec.anchor(name)]
            if node.children:
                out.extend(child.path for child in node.children.values() if child.is_text)  # not a table
            else:
                out.append(node.path)
    return tuple(out)


def fingerprints(doc: ReportDocument, spec: FormatSpec) -> Prints:
    organ = (doc.organ or "").strip()
    names = _organ_names(organ)
    prints = Prints(organ, doc.year)
    marker = spec.placeholder_marker
    boilerplate, sentence_re = _BOILERPLATE.search, _SENTENCE.finditer
    for path in copy_paths(spec):
        text = doc.get(path)
        if not isinstance(text, str):
            continue
        offset = 0
        number = 0
        for line in text.split("\n"):
            if line.strip():
                number += 1
                sentences = []
                for m in sentence_re(line):
                    raw = m.group()
                    if boilerplate(raw) or has_placeholder(raw, marker):
                        continue
                    norm = normalise(raw, names)
                    if len(norm) >= MIN_SENTENCE:
                        sentences.append((_fingerprint(norm), len(norm)))
                if sentences:
                    chars = sum(n for _, n in sentences)
                    prints.paragraphs.append(Paragraph(path, number, offset, chars, tuple(sentences)))
            offset += len(line) + 1
    return prints


@dataclass(frozen=True)
class Copy:
    """A paragraph of one report found (mostly) in another organ's report."""

    path: KeyPath
    number: int
    offset: int
    share: float  # of the paragraph's characters
    other: str  # the other organ
    other_index: int


@dataclass
class CopyResult:
    copies: list[Copy]
    share: float  # of the report's compared text found in other organs' reports


class CopyIndex:
    """Fingerprints of a batch; :meth:`matches` gives each report's copied paragraphs."""

    def __init__(self) -> None:
        self._prints: dict[int, Prints] = {}
        self._where: dict[tuple[int | None, int], list[int]] = defaultdict(list)
        self._organs_by_year: dict[int | None, set[str]] = defaultdict(set)

    def add(self, index: int, prints: Prints) -> None:
        if not prints.organ or not prints.paragraphs:
            return
        self._prints[index] = prints
        self._organs_by_year[prints.year].add(prints.organ)
        seen: set[int] = set()
        for paragraph in prints.paragraphs:
            for fp, _n in paragraph.prints:
                if fp not in seen:
                    seen.add(fp)
                    self._where[(prints.year, fp)].append(index)

    def _organs(self, year: int | None, fp: int) -> set[str]:
        return {self._prints[i].organ for i in self._where.get((year, fp), ())}

    def matches(self) -> dict[int, CopyResult]:
        out: dict[int, CopyResult] = {}
        common_cache: dict[tuple[int | None, int], bool] = {}

        def common(year: int | None, fp: int) -> bool:
            key = (year, fp)
            if key not in common_cache:
                organs = len(self._organ_counts(year))
                having = len(self._organs(year, fp))
                common_cache[key] = organs >= COMMON_MIN_ORGANS and having >= COMMON_SHARE * organs
            return common_cache[key]

        for index, prints in self._prints.items():
            copies: list[Copy] = []
            copied_total = 0
            counted_total = 0
            for paragraph in prints.paragraphs:
                by_other: dict[int, int] = defaultdict(int)
                counted = 0
                for fp, n in paragraph.prints:
                    if common(prints.year, fp):
                        continue
                    counted += n
                    others = {
                        i: self._prints[i].organ
                        for i in self._where.get((prints.year, fp), ())
                        if self._prints[i].organ != prints.organ
                    }
                    # one sentence counts once per other organ (its first report in the batch)
                    firsts: dict[str, int] = {}
                    for i, organ in others.items():
                        firsts.setdefault(organ, i)
                    for i in firsts.values():
                        by_other[i] += n
                counted_total += counted
                if not by_other or counted == 0:
                    continue
                best = max(by_other, key=lambda i: (by_other[i], -i))
                copied = by_other[best]
                copied_total += max(by_other.values())
                share = copied / counted
                if share >= PARAGRAPH_SHARE and copied >= PARAGRAPH_MIN_CHARS:
                    copies.append(
                        Copy(
                            paragraph.path,
                            paragraph.number,
                            paragraph.offset,
                            share,
                            self._prints[best].organ,
                            best,
                        )
                    )
            share = copied_total / counted_total if counted_total else 0.0
            out[index] = CopyResult(copies, share)
        return out

    def _organ_counts(self, year: int | None) -> set[str]:
        return self._organs_by_year.get(year, set())
