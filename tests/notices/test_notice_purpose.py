"""The inspection's purpose (检查类型) prints on the on-site record and the result record.

Records made before the purpose was asked (purpose None) print as they always did: the golden files
of test_notice_render.py are rendered from content without one.
"""

import pytest
from notice_helpers import pdf_pages_text

from inspector_app.core import codes
from inspector_app.core.notices import render


@pytest.mark.parametrize("kind, paper, purpose", [
    ("record", "a4", "complaint"), ("record", "80mm", "flying"),
    ("result", "a4", "random"), ("result", "80mm", "routine"),
])
def test_the_purpose_is_printed(env, kind, paper, purpose):
    inspection_id = env.finalized(purpose=purpose)
    text = "".join(pdf_pages_text(render(env.issue(inspection_id, kind=kind, paper=paper))))
    assert "检查类型" in text
    assert codes.PURPOSES[purpose].zh in text


def test_a_record_without_a_purpose_prints_no_line_for_it(env):
    from dataclasses import replace
    content = replace(env.issue(env.finalized(), kind="record"), purpose=None)
    assert "检查类型" not in "".join(pdf_pages_text(render(content)))
