"""Rendering: every document on both papers; real embedded text; page sizes; golden bytes; the QR reads back.

Golden files: tests/notices/golden/notices.sha256.json holds the SHA-256 of
each document rendered from the fixed content below (fixed ids, dates and
Ed25519 key); golden/result-a4.pdf and golden/order-80mm.pdf are two of them
to look at. After an
intended layout change, regenerate with
    UPDATE_GOLDEN=1 python -m pytest tests/notices/test_notice_render.py
and look at the new PDFs before committing them.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import uuid
from dataclasses import replace
from datetime import date, datetime
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from notice_helpers import decode, pdf_page_sizes, pdf_pages_text, rasterize, signature_png

from inspector_app.core import keys
from inspector_app.core.models import KnownKey
from inspector_app.core.notices import KINDS, PAPERS, render, render_to, token, verify_token
from inspector_app.core.notices.content import Counts, Finding, NoticeContent, Party, Person
from inspector_app.core.notices.grades import dynamic_grade
from inspector_app.core.notices.issuing import facts_of, verify_url
from inspector_app.core.notices.sealing import Sealing, Thing

GOLDEN = Path(__file__).parent / "golden"
FIXED_KEY = Ed25519PrivateKey.from_private_bytes(bytes(range(32)))
FIXED_KEY_ID = keys.key_id(keys.raw_public(FIXED_KEY.public_key()))
MM = 72 / 25.4
FIXED_SEALING = Sealing(days=30, start=date(2026, 11, 28), things=(
    Thing("place", "后厨操作间", spec="一层东侧", quantity="1间"),
    Thing("facility", "冷藏柜", spec="海尔 SC-340，后厨北墙", quantity="1台"),
    Thing("goods", "散装熟肉制品（超过保质期）", measure="seize", spec="2026年11月20日生产", quantity="12.5千克")))
A4 = (595.28, 841.89)


def fixed_content(kind: str, paper: str, **changes) -> NoticeContent:
    failed = (
        Finding("2.1", "在经营场所醒目位置公示食品经营许可证。", False, "fail", None, "许可证未悬挂",
                "《食品经营许可和备案管理办法》"),
        Finding("3.1", "建立从业人员健康管理、食品安全自查、进货查验记录、食品召回等食品安全管理制度。", True,
                "fail", None, None, "《中华人民共和国食品安全法》第四十四条"),
        Finding("4.2", "从事接触直接入口食品工作的从业人员持有有效的健康证明。", False, "fail", None,
                "两名厨师无健康证明", "《中华人民共和国食品安全法》第四十五条"),
    )
    content = NoticeContent(
        kind=kind, paper=paper, bureau="天津市蓟州区市场监督管理局",
        party=Party(name="张三餐馆", category="catering", category_label="餐饮服务",
                    licence_no="JY21201190012345", address="天津市蓟州区渔阳镇东关村文昌街12号",
                    legal_rep="张三", contact_person="张三", phone="022-29141234"),
        inspection_id="01930000-0000-7000-8000-0000000000a1", checklist_title="餐饮服务食品安全监督检查要点表",
        started=datetime(2026, 11, 28, 9, 30), ended=datetime(2026, 11, 28, 10, 45),
        result="basically_compliant", handling="rectify", deadline=date(2026, 12, 13),
        counts=Counts(key_checked=("3.1", "3.2", "4.1", "4.2", "6.1", "8.4", "9.3"), key_failed=("3.1",),
                      general_checked=("1.1", "2.1", "2.2", "2.3"), general_failed=("2.1", "4.2"),
                      not_applicable=("2.3",)),
        failed=failed,
        remarks=(Finding("S.3", "冷藏设施温度", value="4℃"),),
        inspectors=(Person("李明", "12011900001"), Person("王芳", "12011900002")),
        inspector_signatures=(signature_png(1), signature_png(2)), operator_signature=signature_png(3),
        year_index=2, grade=dynamic_grade("catering", "basically_compliant"), printed_on=date(2026, 11, 28),
        notice_id="01930000-0000-7000-8000-0000000000b1", number="蓟市监责改〔2026〕K7QD-0007号")
    if kind == "coercive":  # a stop with a sealing list (core/notices/sealing.py)
        content = replace(content, result="non_compliant", handling="stop", deadline=None, hazard=True,
                          number="蓟市监强制〔2026〕K7QD-0001号", sealing=FIXED_SEALING)
    text = token.sign(facts_of(content, uuid.UUID(content.notice_id)), FIXED_KEY, FIXED_KEY_ID)
    content = replace(content, token=text, verify_url=verify_url("https://jz.example.gov.cn", text))
    return replace(content, **changes)


@pytest.fixture(scope="module")
def rendered():
    return {(kind, paper): render(fixed_content(kind, paper)) for kind in KINDS for paper in PAPERS}


def test_two_renders_are_byte_identical(rendered):
    for (kind, paper), pdf in rendered.items():
        assert render(fixed_content(kind, paper)) == pdf, (kind, paper)


def test_renders_match_the_golden_files(rendered):
    hashes = {f"{kind}-{paper}": hashlib.sha256(pdf).hexdigest() for (kind, paper), pdf in rendered.items()}
    golden = GOLDEN / "notices.sha256.json"
    if os.environ.get("UPDATE_GOLDEN") == "1":
        GOLDEN.mkdir(exist_ok=True)
        golden.write_text(json.dumps(hashes, indent=2, sort_keys=True) + "\n", encoding="utf-8")
        for kind, paper in (("result", "a4"), ("order", "80mm")):
            (GOLDEN / f"{kind}-{paper}.pdf").write_bytes(rendered[(kind, paper)])
    expected = json.loads(golden.read_text(encoding="utf-8"))
    changed = sorted(name for name in hashes if hashes[name] != expected.get(name))
    assert not changed, f"rendering changed for {changed}; see the module docstring to regenerate"


def test_the_font_is_embedded_and_no_other_font_is_used(rendered):
    for pdf in rendered.values():
        assert b"/FontFile2" in pdf
        fonts = set(re.findall(rb"/BaseFont /([A-Za-z0-9+_-]+)", pdf))
        assert fonts and all(b"+WenQuanYiMicroHei" in name for name in fonts), fonts  # subsets only


def test_page_sizes(rendered):
    for (_kind, paper), pdf in rendered.items():
        for width, height in pdf_page_sizes(pdf):
            if paper == "a4":
                assert (width, height) == pytest.approx(A4, abs=0.1)
            else:
                assert width == pytest.approx(80 * MM, abs=0.1)
                assert 100 * MM < height < 600 * MM  # one page, as long as the content


def test_the_result_record_fits_one_a4_page(rendered):
    assert len(pdf_page_sizes(rendered[("result", "a4")])) == 1


def test_the_roll_is_one_page_and_the_record_counts_its_pages(rendered):
    assert len(pdf_page_sizes(rendered[("record", "80mm")])) == 1
    pages = pdf_pages_text(rendered[("record", "a4")])
    for number, text in enumerate(pages, start=1):
        assert f"第 {number} 页 共 {len(pages)} 页" in text
        assert "被检查人签字" in text  # the inspected person signs every page


def test_the_text_is_real_and_holds_the_facts(rendered):
    for (kind, paper), pdf in rendered.items():
        text = "".join(pdf_pages_text(pdf)).replace("\r\n", "").replace("\n", "")
        assert "张三餐馆" in text and "天津市蓟州区市场监督管理局" in text, (kind, paper)
        assert ("2026年12月13日" in text or kind == "coercive") and "扫码核验" in text
    result = "".join(pdf_pages_text(rendered[("result", "a4")])).replace("\r\n", "")
    assert "共检查了（11）项内容" in result and "合理缺项（1）项" in result
    assert "✓基本符合" in result.replace(" ", "") and "一般（平脸）" in result
    order = "".join(pdf_pages_text(rendered[("order", "80mm")])).replace("\r\n", "")
    assert "蓟市监责改〔2026〕K7QD-0007号" in order and "收到" in order and "第四十五条" in order


@pytest.mark.parametrize("kind,paper,dpi,threshold", [("result", "a4", 150, None), ("order", "a4", 150, None),
                                                      ("record", "a4", 150, None), ("result", "80mm", 203, 128),
                                                      ("order", "80mm", 203, 128), ("record", "80mm", 203, 128),
                                                      ("coercive", "a4", 150, None), ("coercive", "80mm", 203, 128)])
def test_the_qr_code_reads_back_and_verifies(rendered, keyed, kind, paper, dpi, threshold):
    """Rasterize (the roll at 203 dpi in pure black and white, like a thermal head), decode, verify."""
    with keyed.store.write() as session:
        public = keys.raw_public(FIXED_KEY.public_key())
        session.add(KnownKey(key_id=FIXED_KEY_ID, kind="sign", owner="device", public_key=keys.b64(public)))
    found = decode(rasterize(rendered[(kind, paper)], dpi, threshold=threshold))
    content = fixed_content(kind, paper)
    torn = 2 if (kind, paper) == ("coercive", "80mm") else 1  # the roll's decision and its list each carry it
    assert found == [content.verify_url] * torn
    with keyed.store.session() as session:
        verdict = verify_token(session, found[0])
    assert verdict.valid
    assert verdict.facts == facts_of(content, uuid.UUID(content.notice_id))


def test_a_copy_and_a_preview_are_marked(keyed):
    for paper in PAPERS:
        copy = "".join(pdf_pages_text(render(fixed_content("result", paper, copy=True))))
        assert "副本" in copy
        original = "".join(pdf_pages_text(render(fixed_content("result", paper))))
        assert "副本" not in original
        preview_pdf = render(fixed_content("order", paper, token=None, verify_url=None, number=None))
        assert "样张" in "".join(pdf_pages_text(preview_pdf))
        assert decode(rasterize(preview_pdf, 150)) == []


def test_a_long_record_runs_over_pages_with_the_qr_on_each(keyed):
    many = tuple(Finding(f"9.{i}", "从业人员未按规定佩戴工作衣帽，操作前未洗手消毒，食品原料未隔墙离地存放。" * 2,
                         note="现场发现问题，已拍照取证。") for i in range(30))
    pdf = render(fixed_content("record", "a4", failed=many))
    pages = pdf_pages_text(pdf)
    assert len(pages) >= 3
    assert all(f"共 {len(pages)} 页" in text for text in pages)
    assert decode(rasterize(pdf, 150, page=len(pages) - 1)) == [fixed_content("record", "a4").verify_url]


def test_without_signature_images_the_lines_stay_blank_and_a_refusal_is_printed(keyed):
    blank = fixed_content("result", "a4", inspector_signatures=(), operator_signature=None)
    assert "检查人员（签字）" in "".join(pdf_pages_text(render(blank)))
    refused = fixed_content("record", "80mm", operator_signature=None, refusal="理由：不同意检查结论；见证人：李四")
    assert "当事人拒绝签字" in "".join(pdf_pages_text(render(refused)))


def test_render_to_writes_the_same_bytes(tmp_path, rendered):
    path = render_to(fixed_content("order", "a4"), tmp_path / "out" / "order.pdf")
    assert path.read_bytes() == rendered[("order", "a4")]
    assert [p.name for p in path.parent.iterdir()] == ["order.pdf"]


def test_characters_without_an_outline_are_printed_as_equivalents():
    from inspector_app.core.notices import fonts
    assert not fonts.has_glyph("℃") and fonts.has_glyph("°")
    assert fonts.printable("冷藏4℃，Ⅴ类，lǜ") == "冷藏4°C，V类，lu"
    assert fonts.printable("张三餐馆（JY21201190012345）") == "张三餐馆（JY21201190012345）"
    pdf = render(fixed_content("record", "a4", remarks=(Finding("S.3", "冷藏设施温度", value="4℃"),)))
    assert "冷藏设施温度：4°C" in "".join(pdf_pages_text(pdf))


def test_every_character_of_the_shipped_checklists_can_be_printed():
    from inspector_app.core import checklists
    from inspector_app.core.notices import fonts
    from inspector_app.core.paths import forms_dir
    blank = set()
    for checklist in checklists.load_directory(forms_dir()):
        texts = [checklist.title.zh]
        for item in checklist.items.values():
            texts += [item.text.zh, item.unit or "", item.legal_basis.zh if item.legal_basis else ""]
            texts += [choice.label.zh for choice in item.choices or ()]
        blank |= {ch for text in texts for ch in fonts.printable(text) if not ch.isspace() and not fonts.has_glyph(ch)}
    assert not blank


def test_an_unwritable_target_is_a_clear_error_and_leaves_nothing(tmp_path):
    from inspector_app.core.errors import ValidationError
    (tmp_path / "taken").mkdir()  # a folder where the file should go: the rename fails
    with pytest.raises(ValidationError, match="cannot write"):
        render_to(fixed_content("order", "a4"), tmp_path / "taken")
    assert [p.name for p in tmp_path.iterdir()] == ["taken"]
