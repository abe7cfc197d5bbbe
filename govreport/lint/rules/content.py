"""C: the content a reader expects: every section present, written, and no placeholders left."""

from __future__ import annotations

from collections.abc import Iterator

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
        elif isinstance(value, str) and marker in value:
            yield Problem(
                path,
                ctx.t(
                    f"「{ctx.describe(path)}」仍是待填写的占位内容",
                    f"“{ctx.describe(path)}” is still a placeholder",
                ),
            )

    yield from walk(ctx.doc.data, ())
