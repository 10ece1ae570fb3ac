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


def test_a_recheck_record_says_whether_the_order_is_rectified(env):
    """Order 49 Art. 33 ¶2: the bureau records the result of the rectification."""
    from factories import finalize_signed

    from inspector_app.core import inspections, orders, rechecks
    found = env.finalized(fail=["2.1", "4.3"])
    results = {}
    for answers in ({"2.1": "pass", "4.3": "fail"}, {"2.1": "pass", "4.3": "pass"}):
        with env.store.write() as session:
            order = orders.for_inspection(session, found)[0]
            draft = rechecks.start(session, order_id=order.id, inspector_ids=env.basics.inspector_ids)
            for item_id, answer in answers.items():
                inspections.record_answer(session, draft.id, item_id=item_id, answer=answer)
            finalize_signed(session, draft.id, blobs=env.paths.blobs)
        text = "".join(pdf_pages_text(render(env.issue(draft.id, kind="record"))))
        results[answers["4.3"]] = text
    assert "本次为复查" in results["fail"] and "仍有1项未整改" in results["fail"]
    assert "所列项目均已整改" in results["pass"] and "复查" in results["pass"]
