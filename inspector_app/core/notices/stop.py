"""The stop of operations as the on-site record and the result record state it (Order 49 Art. 31 ¶2).

The 2021 范本 has no stop form, so no document is invented: the duty to stop is the operator's own, and
the record says so with the facts found (legal brief cited in docs/architecture.md "Notices"). Where the
bureau itself seals or seizes, the 实施行政强制措施决定书 (coercive.py) follows.
"""

from __future__ import annotations

from . import order_wording as words
from .content import NoticeContent

ART_31_2 = f"{words.ORDER_49}第三十一条第二款"
DUTY = f"有发生食品安全事故潜在风险，依据{ART_31_2}的规定，当事人应当立即停止食品生产经营活动"


def facts(content: NoticeContent) -> str:
    """The acts as found, in item order (each item's finding, or its requirement not met)."""
    return "、".join(words.charge(f).finding for f in content.failed)


def stop_sentence(content: NoticeContent) -> str:
    """「检查发现<事实>，有发生食品安全事故潜在风险，依据……第三十一条第二款，当事人应当立即停止食品生产经营活动。」"""
    found = facts(content)
    lead = f"检查发现当事人{found}，" if found else "检查发现"
    sealed = f"本局已依法实施{_measures(content)}（见实施行政强制措施决定书）。" if content.sealing else ""
    return f"{lead}{DUTY}。{sealed}"


def handling_line(content: NoticeContent) -> str:
    """The result record's line under its ticked 立即停止 (short: it is posted at the door)."""
    sealed = f"；本局已依法实施{_measures(content)}" if content.sealing else ""
    return f"{DUTY}{sealed}。"


def _measures(content: NoticeContent) -> str:
    from .sealing import MEASURES
    return "、".join(MEASURES[m] for m in content.sealing.measures) if content.sealing else ""
