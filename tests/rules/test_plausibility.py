"""Plausibility (Q2, Q3): what a township reports, a fee in 元."""

from __future__ import annotations

from ..conftest import set_value
from .rule_helpers import run


def test_q2_rules_reported_by_a_township(example_text: str) -> None:
    text = set_value(example_text, ("proactive", "item_1", "rules", "issued"), "2")
    (finding,) = run(text, "Q2")
    assert "乡镇人民政府没有规章制定权" in finding.message
    city = set_value(text, ("report", "level"), '"设区的市级人民政府"')
    assert run(city, "Q2") == []


def test_q2_level_from_the_organ_name_or_the_config(example_text: str) -> None:
    from govreport.lint.config import LintConfig

    text = set_value(example_text, ("proactive", "item_1", "rules", "in_force"), "1")
    text = text.replace('level = "乡镇人民政府"', "", 1)
    assert len(run(text, "Q2")) == 1  # 云岭县青石镇人民政府 is a township by its name
    county = set_value(text, ("report", "organ"), '"云岭县司法局"')
    assert run(county, "Q2") == []  # unknown level: no guess
    config = LintConfig(defaults={"level": "县级政府部门"})
    assert len(run(county, "Q2", config=config)) == 1


def test_q3_fee_in_yuan(example_text: str) -> None:
    text = set_value(example_text, ("proactive", "item_8", "fees", "amount"), "18500")
    (finding,) = run(text, "Q3")
    assert "像是以元填写" in finding.message
    assert run(set_value(example_text, ("proactive", "item_8", "fees", "amount"), "5949.088667"), "Q3") == []
