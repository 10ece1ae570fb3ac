"""An order whose items have different deadlines gives each item its own date (core/notices/order_wording);
one date for all is printed once, in the order sentence and the deadline line (the golden files hold that case)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest
from notice_helpers import pdf_pages_text
from test_notice_render import fixed_content

from inspector_app.core.notices import PAPERS, render


def with_dates(content, *dates):
    return replace(content, failed=tuple(replace(f, deadline=d) for f, d in zip(content.failed, dates, strict=True)))


@pytest.mark.parametrize("paper", PAPERS)
def test_each_item_prints_its_own_date_when_they_differ(paper):
    content = with_dates(fixed_content("order", paper, deadline=date(2026, 12, 3)),
                         date(2026, 12, 3), date(2026, 12, 18), date(2026, 12, 18))
    text = "".join(pdf_pages_text(render(content))).replace("\r", "").replace("\n", "")
    assert "现责令你（单位）按下列期限改正上述违法行为" in text
    assert "（第2.1项）（现场情况：许可证未悬挂），2026年12月3日前改正" in text
    assert "（第4.2项）（现场情况：两名厨师无健康证明），2026年12月18日前改正" in text  # 3.1 is a key item: a case
    assert "整改期限：" not in text  # no one date in large type that would contradict item 2


def test_one_date_for_all_items_is_not_repeated_per_item():
    content = with_dates(fixed_content("order", "a4", deadline=date(2026, 12, 3)), *[date(2026, 12, 3)] * 3)
    text = "".join(pdf_pages_text(render(content))).replace("\r", "").replace("\n", "")
    assert text.count("整改期限：2026年12月3日前") == 1
    assert "在2026年12月3日前改正上述违法行为" in text and "前改正。" not in text
