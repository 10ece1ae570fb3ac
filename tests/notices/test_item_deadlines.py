"""An order whose items have different deadlines prints each item's own date (core/notices/parts.fix_list);
one date for all prints only the order's deadline line, as before (the golden files hold that case)."""

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
                         date(2026, 12, 3), date(2026, 12, 18), date(2026, 12, 3))
    text = "".join(pdf_pages_text(render(content))).replace("\r", "").replace("\n", "")
    assert text.count("整改期限：2026年12月03日前") >= 3  # items 1 and 3, and the order's own line
    assert "整改期限：2026年12月18日前" in text


def test_one_date_for_all_items_is_not_repeated_per_item():
    content = with_dates(fixed_content("order", "a4", deadline=date(2026, 12, 3)), *[date(2026, 12, 3)] * 3)
    text = "".join(pdf_pages_text(render(content))).replace("\r", "").replace("\n", "")
    assert text.count("整改期限：2026年12月03日前") == 1
