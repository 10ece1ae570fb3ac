"""The order, the stop and the coercive-measures decision, issued from the store and read back from the PDF.

- 责令改正通知书 (SAMR 范本): facts as found from the checklist's violations, the articles, the 复议/诉讼 notice
  naming the district's 复议机关 and court, contact, seal, copies, receipt; a v1 inspection still prints.
- Order 49 Art. 31 ¶2: latent risk → the operator must stop at once; stated in the 现场检查笔录 and the result
  record, no invented title.
- 行政强制法 Arts. 24–25, FSL Art. 110 (4)(5), Order 49 Art. 25: the 实施行政强制措施决定书 and its 清单, at most
  30 days, only for a stop with a recorded list.
"""

from __future__ import annotations

import contextlib
import io
import json

import pytest
from notice_helpers import decode, pdf_pages_text, rasterize, signature_png

from inspector_app.cli import main
from inspector_app.core import catalog, checklists
from inspector_app.core.errors import StateError, ValidationError
from inspector_app.core.models import SealingList
from inspector_app.core.notices import issuing, render, sealing
from inspector_app.core.paths import forms_dir

FSL = "《中华人民共和国食品安全法》"
ORDER_49 = "《食品生产经营监督检查管理办法》（市场监管总局令第49号）"
VIOLATIONS = {  # as a v2 form states them (core/checklists.Violation)
    "4.2": {"finding": "安排未取得健康证明的人员从事接触直接入口食品的工作", "obligation": f"{FSL}第四十五条第二款",
            "penalty": f"{FSL}第一百二十六条第一款第（六）项",
            "if_not_corrected": "给予警告；拒不改正的，处五千元以上五万元以下罚款；"
                                "情节严重的，责令停产停业，直至吊销许可证"},
    "4.3": {"finding": "未对从业人员进行食品安全知识培训", "obligation": f"{FSL}第四十四条第一款",
            "penalty": f"{FSL}第一百二十六条第一款第（二）项",
            "if_not_corrected": "给予警告；拒不改正的，处五千元以上五万元以下罚款；"
                                "情节严重的，责令停产停业，直至吊销许可证"},
    "6.2": {"finding": "未按照保证食品安全的要求贮存食品", "obligation": f"{FSL}第五十四条第一款",
            "penalty": f"{FSL}第一百三十二条"},
    "7.6": {"finding": "将有毒有害物质与食品一同贮存", "obligation": f"{FSL}第五十四条第一款",
            "penalty": f"{FSL}第一百三十二条"},
    "2.1": {"finding": "未在经营场所醒目位置公示食品经营许可证", "obligation": "《食品经营许可和备案管理办法》",
            "penalty": "《食品生产经营监督检查管理办法》（市场监管总局令第49号）第三十三条第二款"},
}
SEALING = {"days": 30, "things": [
    {"kind": "place", "name": "后厨操作间", "spec": "一层东侧", "quantity": "1间"},
    {"kind": "goods", "name": "散装熟肉制品", "measure": "seize", "spec": "超过保质期", "quantity": "12.5千克"}]}


def flat(pdf: bytes) -> str:
    return "".join(pdf_pages_text(pdf)).replace("\r\n", "").replace("\n", "").replace(" ", "")


def with_violations(env) -> None:
    """Catering as a later version that carries violations (version 99: clear of any shipped version)."""
    data = checklists.load_file(forms_dir() / "catering.v1.yaml").model_dump(mode="json", by_alias=True)
    data["version"] = 99
    for section in data["sections"]:
        for item in section["items"]:
            if item["id"] in VIOLATIONS:
                item["violation"] = {k: {"zh": v, "en": v} for k, v in VIOLATIONS[item["id"]].items()}
    with env.store.write() as session:
        catalog.install(session, checklists.parse(data, source="test"))


def both_papers(env, inspection_id, kind):
    return {paper: render(env.issue(inspection_id, kind=kind, paper=paper)) for paper in ("a4", "80mm")}


def test_the_order_states_the_facts_articles_and_the_review_notice(env):
    with_violations(env)
    env.settings.update(review_body="天津市蓟州区人民政府", court="天津市蓟州区人民法院", unit_phone="022-29142345")
    inspection_id = env.finalized(fail=("2.1", "4.3", "6.2", "7.6"))  # general items (一般项)
    for paper, pdf in both_papers(env, inspection_id, "order").items():
        text = flat(pdf)
        assert ("经查，你（单位）未在经营场所醒目位置公示食品经营许可证的行为，"
                "违反了《食品经营许可和备案管理办法》的规定；"
                "未对从业人员进行食品安全知识培训的行为，违反了" + FSL + "第四十四条第一款的规定；"
                "未按照保证食品安全的要求贮存食品、将有毒有害物质与食品一同贮存的行为，"
                "违反了" + FSL + "第五十四条第一款的规定。"
                ) in text, (paper, text)
        assert ("依据《食品生产经营监督检查管理办法》（市场监管总局令第49号）第三十三条第二款、" + FSL
                + "第一百二十六条第一款第（二）项、第一百三十二条的规定，现责令你（单位）按下列期限改正") in text
        # 2.1 has 3 working days, the others 15: each item its own date
        assert "（第2.1项），" in text and "日前改正。" in text
        assert "改正内容及要求" in text and "（第7.6项）" in text
        assert "逾期不改的，本局将依据" + FSL + "第一百二十六条第一款第（二）项的规定，给予警告" in text
        assert "向天津市蓟州区人民政府申请行政复议" in text and "依法向天津市蓟州区人民法院提起行政诉讼" in text
        assert "联系电话：022-29142345" in text and "（印章）" in text
        assert "本文书一式两份，一份送达，一份归档。" in text and "本通知书于" in text
        assert "立案调查" not in text  # no key item failed
        code = decode(rasterize(pdf, 150 if paper == "a4" else 203, threshold=None if paper == "a4" else 128))
        assert len(code) == 1 and code[0].startswith("https://")


def test_a_key_item_goes_to_a_case_not_to_article_33(env):
    with_violations(env)
    inspection_id = env.finalized(fail=("4.2", "6.2"))  # 4.2 is a key item (重点项)
    text = flat(both_papers(env, inspection_id, "order")["a4"])
    assert "另查，你（单位）安排未取得健康证明的人员从事接触直接入口食品的工作的行为，涉嫌违反" in text
    assert "第三十二条的规定，本局将依法立案调查" in text
    assert "第三十三条" not in text  # 6.2's authority is FSL 132; the key item is never ordered under Art. 33
    assert "依据" + FSL + "第一百三十二条的规定，现责令你（单位）在" in text


def test_a_v1_inspection_still_prints_its_order(env):
    """Forms without violations: the requirement not met, its legal basis, Order 49 Art. 33 ¶2."""
    inspection_id = env.finalized(fail=("2.1", "5.1"), version=1)
    text = flat(both_papers(env, inspection_id, "order")["80mm"])
    assert ("经查，你（单位）未达到“在经营场所醒目位置公示食品经营许可证”要求的行为，"
            "违反了《食品经营许可和备案管理办法》的规定") in text
    assert "依据《食品生产经营监督检查管理办法》（市场监管总局令第49号）第三十三条第二款的规定" in text
    assert "向天津市蓟州区人民政府申请行政复议" in text  # the laptop's default until the district sends its own


def test_the_district_names_the_review_body_and_court_on_the_laptop(env, tmp_path):
    from inspector_app.central import admin, district_settings
    from inspector_app.central.store import open_central
    from inspector_app.core.sync import canonical, enrolment
    admin.init_central(tmp_path / "district", name="蓟州区")
    central = open_central(tmp_path / "district")
    try:
        with pytest.raises(ValidationError) as refused:
            district_settings.change(central, court="天津市\n人民法院")
        assert refused.value.code == "central.bad_redress_name"
        shown = district_settings.change(central, review_body="天津市蓟州区人民政府（复议）",
                                         court="天津市第一中级人民法院")
        assert shown["court"] == "天津市第一中级人民法院" and shown["verify_url"]
        doc = admin.issue_enrolment(central, device_name="orders", township="渔阳镇")
    finally:
        central.close()
    assert doc["district"]["body"]["court"] == "天津市第一中级人民法院" and "verify_url" not in doc["district"]["body"]
    with env.store.write() as session:
        enrolment.enrol(session, env.paths.keys, canonical.dumps(doc))
    inspection_id = env.finalized(fail=("2.1",))
    text = flat(both_papers(env, inspection_id, "order")["a4"])
    assert "向天津市蓟州区人民政府（复议）申请行政复议" in text and "依法向天津市第一中级人民法院提起行政诉讼" in text


def stopped(env):
    """Two key items failed with the latent-risk mark: 不符合, 立即停止 (Order 49 Art. 31 ¶2)."""
    with_violations(env)
    return env.finalized(fail=("4.2", "3.1", "6.2"), hazard=True)


def test_a_stop_is_stated_in_the_on_site_record_and_the_result_record(env):
    inspection_id = stopped(env)
    for paper, pdf in both_papers(env, inspection_id, "record").items():
        text = flat(pdf)
        assert "检查发现当事人未达到“建立从业人员健康管理" in text, paper  # the facts, in item order
        assert "要求、安排未取得健康证明的人员从事接触直接入口食品的工作、未按照保证食品安全的要求贮存食品，" in text
        assert ("有发生食品安全事故潜在风险，依据" + ORDER_49 + "第三十一条第二款的规定，"
                "当事人应当立即停止食品生产经营活动。") in text
    for paper, pdf in both_papers(env, inspection_id, "result").items():
        assert "当事人应当立即停止食品生产经营活动" in flat(pdf), paper
    with env.store.session() as session:
        assert issuing.kinds_available(session, inspection_id) == ["result", "record", "order"]  # no list yet


def test_the_coercive_decision_and_its_list(env):
    inspection_id = stopped(env)
    with env.store.write() as session:
        sealing.record(session, inspection_id=inspection_id, data=SEALING)
    with env.store.session() as session:
        assert issuing.kinds_available(session, inspection_id)[-1] == "coercive"
    for paper, pdf in both_papers(env, inspection_id, "coercive").items():
        text = flat(pdf)
        assert "实施行政强制措施决定书" in text and "强制〔" in text, paper
        assert (FSL + "第一百一十条第（四）项、第（五）项，" + ORDER_49 + "第二十五条"
                "第（四）项、第（五）项，《中华人民共和国行政强制法》第十八条、第二十四条的规定") in text
        assert "本局决定对你（单位）的场所、财物实施查封、扣押（详见《场所/财物清单》）" in text
        assert "查封、扣押的期限为30日，自" in text and "《中华人民共和国行政强制法》第二十五条" in text
        assert "六十日内向天津市蓟州区人民政府申请行政复议" in text
        assert "六个月内依法向天津市蓟州区人民法院提起行政诉讼" in text
        assert "后厨操作间" in text and "12.5千克" in text and "扣押" in text
        assert "本清单一式二份，一份交当事人，一份附卷。" in text and "（印章）" in text
        found = decode(rasterize(pdf, 150 if paper == "a4" else 203, threshold=None if paper == "a4" else 128))
        assert found and len(set(found)) == 1
    record = flat(both_papers(env, inspection_id, "record")["a4"])
    assert "本局已依法实施查封、扣押（见实施行政强制措施决定书）" in record
    with env.store.write() as session, pytest.raises(StateError) as fixed:  # issued: the list is fixed
            sealing.record(session, inspection_id=inspection_id, data={**SEALING, "days": 10})
    assert fixed.value.code == "sealing.already_issued"


BAD_LISTS = [  # 行政强制法 Art. 25: at most 30 days; Art. 23: places and facilities are sealed, goods may be seized
    ({"days": 31, "things": SEALING["things"]}, "sealing.bad_days"),
    ({"days": 0, "things": SEALING["things"]}, "sealing.bad_days"),
    ({"days": True, "things": SEALING["things"]}, "sealing.bad_days"),
    ({"days": 30, "things": []}, "sealing.no_things"),
    ({"days": 30, "things": [{"kind": "place", "name": "后厨", "measure": "seize"}]}, "sealing.bad_measure"),
    ({"days": 30, "things": [{"kind": "room", "name": "后厨"}]}, "sealing.bad_kind"),
    ({"days": 30, "things": [{"kind": "goods", "name": "  "}]}, "sealing.name_required"),
    ({"days": 30, "things": [{"kind": "goods", "name": "冻肉\x07"}]}, "limits.bad_character"),
    ({"days": 30, "things": [{"kind": "goods", "name": "冻" * 61}]}, "limits.too_long"),
    ([], "sealing.bad_list"),
]


@pytest.mark.parametrize("data,code", BAD_LISTS)
def test_a_bad_list_is_refused_and_leaves_the_store_as_it_was(env, data, code):
    inspection_id = stopped(env)
    with pytest.raises(ValidationError) as refused, env.store.write() as session:
        sealing.record(session, inspection_id=inspection_id, data=data)
    assert refused.value.code == code
    with env.store.session() as session:
        assert session.get(SealingList, inspection_id) is None


def test_no_coercive_decision_without_a_stop_or_a_list(env):
    rectify = env.finalized(fail=("2.1",))
    with env.store.write() as session, pytest.raises(StateError) as not_stopped:
        sealing.record(session, inspection_id=rectify, data=SEALING)
    assert not_stopped.value.code == "sealing.not_stopped"
    with pytest.raises(StateError) as no_stop:
        env.issue(rectify, kind="coercive")
    assert no_stop.value.code == "sealing.not_stopped"
    with pytest.raises(StateError) as no_list:
        env.issue(stopped(env), kind="coercive")
    assert no_list.value.code == "sealing.missing"


def cli(data_dir, *args) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(["--data-dir", str(data_dir), *map(str, args)])
    return code, out.getvalue(), err.getvalue()


def test_the_command_records_the_list_and_prints_the_decision(tmp_path):
    data = tmp_path / "data"
    assert cli(data, "init")[0] == 0
    people = [json.loads(cli(data, "users", "add", "--name", name, "--role", "inspector", "--credential", cred,
                             "--json")[1])["id"] for name, cred in (("李明", "12011900001"), ("王芳", "12011900002"))]
    shop = json.loads(cli(data, "establishments", "add", "--name", "张三餐馆", "--category", "catering",
                          "--township", "渔阳镇", "--licence", "JY21201190012345", "--json")[1])["id"]
    catering = checklists.load_file(forms_dir() / "catering.v1.yaml")
    failed = ("3.1", "4.2", "6.2")
    answers = {"hazard": True, "signatures": {"inspectors": ["s.png", "s.png"], "operator": "s.png"},
               "items": {i: {"answer": "fail" if i in failed else "pass"} for i, item in catering.items.items()
                         if item.kind == "check"}}
    for item_id in failed:
        if catering.items[item_id].evidence_on_fail:
            answers["items"][item_id]["photos"] = ["s.png"]
    (tmp_path / "s.png").write_bytes(signature_png(1))
    (tmp_path / "answers.json").write_text(json.dumps(answers), encoding="utf-8")
    code, out, err = cli(data, "inspect", "--establishment", shop, "--form", "catering", "--inspector", people[0],
                         "--inspector", people[1], "--as", people[0], "--answers", tmp_path / "answers.json",
                         "--finalize", "--json")
    assert code == 0, err
    inspection_id = json.loads(out)["id"]
    assert json.loads(out)["handling"] == "stop"
    listing, bad, pdf = tmp_path / "sealing.json", tmp_path / "bad.json", tmp_path / "decision.pdf"
    listing.write_text(json.dumps(SEALING, ensure_ascii=False), encoding="utf-8")
    bad.write_text(json.dumps({"days": 45, "things": SEALING["things"]}), encoding="utf-8")
    code, out, err = cli(data, "notice", inspection_id, "--kind", "coercive", "--out", pdf, "--json")
    assert code == 1 and json.loads(err)["code"] == "sealing.missing" and not pdf.exists()
    code, out, err = cli(data, "notice", inspection_id, "--kind", "coercive", "--sealing", bad, "--out", pdf, "--json")
    assert code == 1 and json.loads(err)["code"] == "sealing.bad_days" and not pdf.exists()
    code, out, err = cli(data, "notice", inspection_id, "--kind", "coercive", "--sealing", listing, "--out", pdf,
                         "--json")
    assert code == 0, err
    printed = json.loads(out)
    assert printed["kind"] == "coercive" and "强制〔" in printed["number"] and "第" not in printed["number"]
    assert "场所/财物清单" in flat(pdf.read_bytes())


def test_the_district_sets_the_review_body_and_court_from_the_command_line(tmp_path):
    data = tmp_path / "district"
    assert cli(data, "central", "init", "--json")[0] == 0
    code, out, err = cli(data, "central", "settings", "--review-body", "天津市蓟州区人民政府", "--court",
                         "天津市蓟州区人民法院", "--json")
    assert code == 0, err
    shown = json.loads(out)
    assert shown["review_body"] == "天津市蓟州区人民政府" and shown["court"] == "天津市蓟州区人民法院"
    assert shown["set"] == ["court", "review_body"]
    code, out, err = cli(data, "central", "settings", "--court", "天津市\t人民法院", "--json")
    refused = json.loads(err)
    assert code != 0 and refused["code"] == "central.bad_redress_name" and "\t" not in refused["message"]
    assert json.loads(cli(data, "central", "settings", "--json")[1])["court"] == "天津市蓟州区人民法院"  # unchanged
