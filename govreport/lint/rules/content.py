"""C: the content a reader expects: every section present, written, and no placeholders left."""

from __future__ import annotations

from collections.abc import Iterator

from govreport.format.values import has_placeholder
from govreport.lint.context import LintContext
from govreport.lint.finding import Problem, Severity
from govreport.lint.registry import rule


@rule("C1", "missing-section", Severity.ERROR)
def missing_section(ctx: LintContext) -> Iterator[Problem]:
    """缺少六个部分中的某一部分。

    2021 年格式有六个部分，缺一不可。没有内容可报告的部分也要保留（表格填 0，或写“本年度无其他需要报告的事项”）。
    ---
    One of the six sections is missing.

    The 2021 format has six sections, each required: 一、总体情况, 二、主动公开政府信息情况,
    三、收到和处理政府信息公开申请情况, 四、政府信息公开行政复议、行政诉讼情况,
    五、存在的主要问题及改进情况 and 六、其他需要报告的事项.  A section with nothing to
    report still appears (tables with zeros, or a sentence such as "本年度无其他需要报告的事项").
    """
    for issue in ctx.schema_issues:
        node = ctx.spec.node(issue.path)
        if (
            issue.kind == "missing-key"
            and len(issue.path) == 1
            and node is not None
            and node.section_number is not None
        ):
            yield Problem(
                issue.path,
                ctx.t(
                    f"缺少章节「{node.title}」（[{issue.path[0]}]）",
                    f"section “{node.title_en}” ([{issue.path[0]}]) is missing",
                ),
            )


@rule("C2", "empty-text", Severity.ERROR)
def empty_text(ctx: LintContext) -> Iterator[Problem]:
    """叙述部分没有内容。

    一、五、六是文字部分，一有五个官方小标题（（一）主动公开……（五）监督保障），每一部分都要有内容。
    2021 年通知：“年度报告内容……不能遗漏”。一的导语可以为空。
    ---
    A narrative part of the report is empty.

    Sections 一, 五 and 六 are text, and 一 has five official sub-heads (（一）主动公开 …
    （五）监督保障); each needs its paragraphs.  The 2021 notice: 年度报告内容……不能遗漏.
    The introduction of section 一 may be left empty.
    """
    for node in ctx.spec.text_fields():
        value = ctx.text(node.path)
        if value is None or value.strip() or (node.untitled and node.key == "intro"):
            continue
        section = node.parent.title if node.parent else ""
        part = "" if node.untitled else node.title
        yield Problem(
            node.path,
            ctx.t(
                f"「{section}{part}」没有内容",
                f"“{node.parent.title_en if node.parent else ''} {'' if part == '' else node.title_en}” is empty",
            ),
        )


@rule("C3", "placeholder", Severity.ERROR)
def placeholder(ctx: LintContext) -> Iterator[Problem]:
    """报告中还留有待填写的占位内容（【待填写…】）。

    govreport new 在无法预知的文字处填入以“【待填写”开头的提示；发布前请逐一替换为实际内容。
    ---
    A scaffold placeholder (【待填写…】) was left in the report.

    ``govreport new`` fills every text it cannot know with guidance that starts with
    【待填写; replace each with the real text or value before publishing.
    """
    marker = ctx.spec.placeholder_marker
    text = ctx.doc.text
    if marker not in text and "\\u" not in text and "\\U" not in text:
        return  # not in the file, not even spelt with escapes: no need to walk the values

    def walk(value: object, path: tuple[str, ...]) -> Iterator[Problem]:
        if isinstance(value, dict):
            for key, sub in value.items():
                yield from walk(sub, (*path, key))
        elif isinstance(value, str) and has_placeholder(value, marker):
            yield Problem(
                path,
                ctx.t(
                    f"「{ctx.describe(path)}」仍是待填写的占位内容",
                    f"“{ctx.describe(path)}” is still a placeholder",
                ),
            )

    yield from walk(ctx.doc.data, ())


# In text, a tab and a line break are ordinary; a CR only as part of CRLF.
_ORDINARY = {"\t", "\n"}


def _unsafe_chars(value: str) -> list[tuple[int, str]]:
    from govreport.sanitize import UNSAFE

    found = []
    for m in UNSAFE.finditer(value):
        ch = m.group()
        if ch in _ORDINARY or (ch == "\r" and value.startswith("\n", m.end())):
            continue
        found.append((m.start(), ch))
    return found


@rule("C4", "control-character", Severity.WARNING)
def control_character(ctx: LintContext) -> Iterator[Problem]:
    """文字中含有控制字符、空字符（NUL）或文字方向控制符（如 RLO）。

    这些字符看不见，却会起作用：终端转义序列（ESC）会清屏、改窗口标题；空字符（NUL）会截断网页和
    Word 中的文字；文字方向控制符（U+202A–202E、U+2066–2069）让机关名称等倒序显示，与实际字符不同；
    零宽字符让两个看起来相同的名称并不相同。它们多来自从网页或其他系统复制的文字。请删除这些字符
    （制表符和换行不在此列）。govreport 的各种文本输出会把它们显示为 ``\\x1b``、``\\u202e`` 这样的转义。
    ---
    A text value contains a control character, a NUL or a bidirectional override (such as RLO).

    These characters are invisible but act: a terminal escape sequence (ESC) clears the screen
    or sets the window title, a NUL cuts the text in web pages and Word, directional overrides
    (U+202A–202E, U+2066–2069) show an organ's name reversed, different from what it is, and
    zero-width characters make two names that look the same differ.  They usually come from
    text copied from a web page or another system.  Remove them (tabs and line breaks are
    fine).  govreport's text outputs show them escaped, as ``\\x1b`` or ``\\u202e``.
    """
    from govreport.sanitize import BEYOND_C0, char_name

    text = ctx.doc.text
    if "\\" not in text and not BEYOND_C0.search(text):
        return  # TOML strings hold C0 controls only as escapes: no backslash, no control

    def walk(value: object, path: tuple[str | int, ...]) -> Iterator[Problem]:
        if isinstance(value, dict):
            for key, sub in value.items():
                yield from walk(sub, (*path, key))
        elif isinstance(value, list):
            for i, sub in enumerate(value):
                yield from walk(sub, (*path, i))
        elif isinstance(value, str):
            found = _unsafe_chars(value)
            if not found:
                return
            kinds = list(dict.fromkeys(ch for _, ch in found))
            shown_zh = "、".join(char_name(ch, "zh") for ch in kinds[:3]) + ("等" if len(kinds) > 3 else "")
            shown_en = ", ".join(char_name(ch, "en") for ch in kinds[:3]) + (
                " and more" if len(kinds) > 3 else ""
            )
            where = found[0][0] + 1
            label = ctx.describe(tuple(p for p in path if isinstance(p, str)))
            yield Problem(
                path,
                ctx.t(
                    f"「{label}」含有 {len(found)} 个控制字符：{shown_zh}（第一个在第 {where} 个字符处），请删除",
                    f"“{label}” contains {len(found)} control character{'s' if len(found) != 1 else ''}: "
                    f"{shown_en} (the first at character {where}); remove {'them' if len(found) != 1 else 'it'}",
                ),
            )

    yield from walk(ctx.doc.data, ())
