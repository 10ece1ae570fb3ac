"""Issuing notices from the store: originals and copies, numbers, the audit log, what changes and what does not."""

from __future__ import annotations

import hashlib
import re
import uuid

import pytest
from factories import make_establishment, make_inspection
from notice_helpers import decode, pdf_pages_text, rasterize
from sqlalchemy import text
from sqlmodel import select

from inspector_app.core import orders
from inspector_app.core.errors import StateError, ValidationError
from inspector_app.core.models import RectificationOrder
from inspector_app.core.notices import (
    existing,
    issue,
    kinds_available,
    preview,
    print_count,
    render,
    verify_token,
)
from inspector_app.core.notices.grades import DYNAMIC_GRADES, dynamic_grade
from inspector_app.core.notices.result_record import sentence

NUMBER = re.compile(r"^本机未登记责改〔(\d{4})〕([1-9]\d*)号$")  # a laptop never enrolled: its local series
DOMAIN_TABLES = ("inspection", "answer", "evidence", "inspection_inspector", "rectification_order", "outbox",
                 "establishment", "notice", "notice_sequence", "known_key")


def snapshot(env) -> dict[str, str]:
    """A hash of every row of the domain tables, and the audit log's length."""
    with env.store.session() as session:
        hashes = {table: hashlib.sha256(repr(session.execute(text(f"SELECT * FROM {table} ORDER BY 1")).all())
                                        .encode()).hexdigest() for table in DOMAIN_TABLES}
        hashes["audit_rows"] = session.execute(text("SELECT count(*) FROM audit_log")).scalar()
    return hashes


def test_the_first_print_is_the_original_and_a_reprint_is_a_copy_with_the_same_token(env):
    inspection_id = env.finalized(fail=["2.1"])
    first = env.issue(inspection_id, "result", "a4")
    again = env.issue(inspection_id, "result", "80mm")
    assert not first.copy and again.copy
    assert (again.notice_id, again.token, again.number) == (first.notice_id, first.token, first.number)
    assert again.verify_url == f"https://jz.example.gov.cn/v/{first.token}"
    assert "副本" in "".join(pdf_pages_text(render(again)))
    with env.store.session() as session:
        assert print_count(session, first.notice_id) == 2
        assert existing(session, inspection_id, "result").paper == "a4"  # the original's paper


def test_a_reprint_changes_no_row_and_adds_one_audit_entry(env):
    inspection_id = env.finalized(fail=["2.1"])
    env.issue(inspection_id, "order")
    before = snapshot(env)
    env.issue(inspection_id, "order", "80mm", purpose="print")
    after = snapshot(env)
    assert after.pop("audit_rows") == before.pop("audit_rows") + 1
    assert after == before
    with env.store.session() as session:
        row = session.execute(text("SELECT action, entity, detail FROM audit_log ORDER BY seq DESC")).first()
    assert row.action == "notice.print" and row.entity == "notice"
    assert '"copy": true' in row.detail and '"purpose": "print"' in row.detail


def test_the_first_order_print_numbers_the_order_and_the_change_goes_to_the_outbox(env):
    inspection_id = env.finalized(fail=["2.1", "4.2"])
    with env.store.session() as session:
        outbox_before = session.execute(text("SELECT count(*) FROM outbox WHERE entity = 'rectification_order'")
                                        ).scalar()
    content = env.issue(inspection_id, "order")
    year, sequence = NUMBER.match(content.number).groups()
    assert int(year) == content.inspected_on.year and sequence == "1"
    with env.store.session() as session:
        order = orders.for_inspection(session, uuid.UUID(inspection_id.hex))[0]
        assert order.number == content.number
        changes = session.execute(text("SELECT op, changed FROM outbox WHERE entity = 'rectification_order' "
                                       "ORDER BY seq")).all()
    assert len(changes) == outbox_before + 1 and changes[-1].op == "update" and "number" in changes[-1].changed


def test_numbers_count_up_per_kind_without_gaps(env):
    numbers = []
    for n in range(3):
        with env.store.write() as session:
            shop = make_establishment(session, name=f"李记面馆{n}").id
        inspection_id = env.finalized(fail=["2.1"], establishment_id=shop)
        numbers.append(env.issue(inspection_id, "order").number)
        assert env.issue(inspection_id, "result").number.endswith(f"〕{n + 1}号")
    assert [NUMBER.match(number).group(2) for number in numbers] == ["1", "2", "3"]


def test_a_failed_issue_takes_no_number(env):
    inspection_id = env.finalized(fail=["2.1"])
    with pytest.raises(RuntimeError), env.store.write() as session:
        issue(session, paths=env.paths, settings=env.settings, inspection_id=inspection_id, kind="order")
        raise RuntimeError("the printer caught fire")
    assert env.issue(inspection_id, "order").number.endswith("〕1号")


def test_the_local_series_is_marked_by_its_own_prefix_setting(env):
    inspection_id = env.finalized(fail=["2.1"])
    with env.store.write() as session:
        content = issue(session, paths=env.paths, settings={**env.settings, "local_number_prefix": "试用机"},
                        inspection_id=inspection_id, kind="order")
    assert content.number == f"试用机责改〔{content.inspected_on.year}〕1号"


def test_drafts_get_no_notice(env):
    with env.store.write() as session:
        draft = make_inspection(session, env.basics).id
    with pytest.raises(StateError, match="finalized"):
        env.issue(draft, "result")


def test_an_order_needs_a_rectification_order(env):
    inspection_id = env.finalized()
    with env.store.session() as session:
        assert kinds_available(session, inspection_id) == ["result", "record"]
    with pytest.raises(StateError, match="no rectification order"):
        env.issue(inspection_id, "order")


def test_bad_kind_paper_and_purpose_are_refused(env):
    inspection_id = env.finalized()
    for kw in ({"kind": "poster"}, {"paper": "letter"}, {"purpose": "fax"}):
        with pytest.raises(ValidationError):
            env.issue(inspection_id, **{"kind": "result", "paper": "a4", **kw})


def test_a_preview_issues_nothing_and_has_no_qr_until_issued(env):
    inspection_id = env.finalized(fail=["2.1"])
    before = snapshot(env)
    with env.store.session() as session:
        draft = preview(session, paths=env.paths, settings=env.settings, inspection_id=inspection_id, kind="order")
    assert draft.preview and draft.token is None and draft.number is None
    assert snapshot(env) == before
    issued = env.issue(inspection_id, "order")
    with env.store.session() as session:
        again = preview(session, paths=env.paths, settings=env.settings, inspection_id=inspection_id, kind="order")
    assert again.copy and again.token == issued.token


def test_an_issued_notice_verifies_in_the_store_that_made_it(env):
    inspection_id = env.finalized(fail=["2.1", "3.1"], signatures=True)
    content = env.issue(inspection_id, "result")
    found = decode(rasterize(render(content), 150))
    with env.store.session() as session:
        verdict = verify_token(session, found[0]).to_dict()
    assert verdict["valid"] and verdict["inspection_id"] == str(inspection_id)
    assert verdict["notice_id"] == content.notice_id and verdict["kind"] == "result"
    assert verdict["establishment"]["name"] == "张三餐馆" and verdict["current"] is True
    assert verdict["number"] == content.number and verdict["date"] == content.inspected_on.isoformat()


def test_a_newer_inspection_makes_an_older_notice_not_current(env):
    first = env.finalized(fail=["2.1"])
    content = env.issue(first, "result")
    second = env.finalized()
    with env.store.session() as session:
        verdict = verify_token(session, content.token).to_dict()
    assert verdict["valid"] and verdict["current"] is False and verdict["superseded_by"] == str(second)


def test_signature_images_and_facts_reach_the_paper(env):
    inspection_id = env.finalized(fail=["2.1"], signatures=True)
    content = env.issue(inspection_id, "result")
    assert len(content.inspector_signatures) == 2 and content.operator_signature
    assert [p.name for p in content.inspectors] == ["李明", "王芳"]
    assert content.party.licence_no == "JY21201190012345" and content.grade == DYNAMIC_GRADES["basically_compliant"]
    text = "".join(pdf_pages_text(render(content))).replace("\r\n", "")
    assert "张三餐馆" in text and "本年度第1次检查" in text
    assert content.number in text


def test_the_standard_sentence_counts_and_lists_item_numbers(env):
    inspection_id = env.finalized(fail=["2.1", "3.1"], na=["2.3"])
    content = env.issue(inspection_id, "result")
    said = sentence(content)
    counts = content.counts
    total = len(counts.key_checked) + len(counts.general_checked)
    assert said.startswith(f"天津市蓟州区市场监督管理局于{content.inspected_on.year}年")
    assert f"共检查了（{total}）项内容" in said and "按照《餐饮服务食品安全监督检查要点表》开展" in said
    assert f"重点项（{len(counts.key_checked)}）项，项目序号分别是（3.1、" in said
    assert "发现问题（1）项，项目序号分别是（3.1）" in said
    assert "发现问题（1）项，项目序号分别是（2.1）" in said
    assert said.endswith("合理缺项（1）项，项目序号分别是（2.3）。")


def test_the_smiley_grade_applies_to_catering_types_only():
    assert dynamic_grade("catering", "compliant").face == "smile"
    assert dynamic_grade("school_canteen", "basically_compliant").label == "一般"
    assert dynamic_grade("farmhouse", "non_compliant").face is None
    assert dynamic_grade("food_sales", "compliant") is None and dynamic_grade("market", None) is None


def test_a_recorded_refusal_is_printed_with_the_witness_id_masked_and_nothing_is_invented(env):
    inspection_id = env.finalized(fail=["2.1"], signatures=True, refusal={
        "reason": "不同意检查结论", "witness_name": "李四", "witness_id_no": "120225199003151234"})
    content = env.issue(inspection_id, "record", "80mm")
    assert content.operator_signature is None and len(content.inspector_signatures) == 2
    assert content.witness == "李四（身份证号 1202251990****1234）"
    text = "".join(pdf_pages_text(render(content))).replace("\r\n", "")
    assert "当事人拒绝签字。理由：不同意检查结论" in text and "1202251990****1234" in text
    assert "120225199003151234" not in text
    plain = env.finalized(notes="一切正常")
    assert env.issue(plain, "result").refusal is None and env.issue(plain, "record").witness is None


def test_inspector_signatures_follow_the_inspectors_order(env):
    from notice_helpers import signature_png
    inspection_id = env.finalized(signatures=True)
    content = env.issue(inspection_id, "result")
    assert content.inspector_signatures == (signature_png(1), signature_png(2))
    assert content.operator_signature == signature_png(3)


def test_the_order_lists_only_the_orders_items_with_their_legal_basis(env):
    """The written order carries the items Order 49 Art. 33 ¶2 orders in writing; a key item goes to a case
    (Art. 32) and reaches the order's content apart, for its 依法立案调查 part."""
    inspection_id = env.finalized(fail=["2.1", "4.2"])
    content = env.issue(inspection_id, "order")
    assert [f.item_id for f in content.failed] == ["2.1"]
    assert [(f.item_id, f.treatment) for f in content.cases] == [("4.2", "case")]
    assert all(f.legal_basis for f in content.failed)
    with env.store.session() as session:
        order = session.exec(select(RectificationOrder)).one()
    assert content.deadline == order.deadline


def test_the_records_show_a_fix_on_the_spot_and_the_order_leaves_it_out(env):
    """Order 49 Art. 33 ¶2: what was done on the spot is recorded on the on-site record and the result
    record; only the item still to fix reaches the order."""
    from factories import finalize_signed

    from inspector_app.core import inspections
    with env.store.write() as session:
        inspection = make_inspection(session, env.basics, fail=["2.1", "5.2"])
        inspections.record_answer(session, inspection.id, item_id="5.2", answer="fail", fixed_on_spot=True,
                                  fix_note="当场清理积水并消毒")
        finalize_signed(session, inspection.id, blobs=env.paths.blobs)
        inspection_id = inspection.id
    for kind in ("record", "result"):
        content = env.issue(inspection_id, kind)
        assert [(f.item_id, f.treatment, f.fix_note) for f in content.failed] == [
            ("2.1", "order", None), ("5.2", "on_spot", "当场清理积水并消毒")]
        text = "".join(pdf_pages_text(render(content))).replace("\r\n", "").replace("\n", "")
        assert "已当场整改：当场清理积水并消毒" in text, kind
    order = env.issue(inspection_id, "order")
    assert [f.item_id for f in order.failed] == ["2.1"]
    assert "当场清理积水" not in "".join(pdf_pages_text(render(order)))


def test_the_verdict_text_prints_on_a_chinese_windows_console(env):
    inspection_id = env.finalized(fail=["2.1"])
    content = env.issue(inspection_id, "order")
    with env.store.session() as session:
        good = verify_token(session, content.token)
        bad = verify_token(session, content.token[:-8])
    for verdict in (good, bad):
        verdict.text().encode("gbk")  # cp936 consoles cannot print ✓ or ✗
    assert "张三餐馆" in good.text() and content.number in good.text()
