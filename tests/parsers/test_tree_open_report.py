"""open_report: a file on disk straight to its Document."""

from __future__ import annotations

from pathlib import Path

import pytest

from parsers.errors import ReportError
from parsers.report import open_report

pytest.importorskip("parsers.load", reason="the loader has not landed yet")

GBK_REPORT = "政府工作报告\n各位代表：\n一、２０１８年工作回顾\n（一）经济实力迈上新台阶。增长。\n"


def test_opens_a_gbk_file_into_its_tree(tmp_path: Path) -> None:
    path = tmp_path / "report.txt"
    path.write_bytes(GBK_REPORT.encode("gbk"))
    doc = open_report(path)
    assert doc.title == "政府工作报告"
    assert [(n.kind, n.title) for n in doc.walk()] == [
        ("chapter", "２０１８年工作回顾"),
        ("section", "经济实力迈上新台阶。"),
    ]


def test_a_missing_file_is_a_report_error(tmp_path: Path) -> None:
    with pytest.raises(ReportError):
        open_report(tmp_path / "absent.txt")
