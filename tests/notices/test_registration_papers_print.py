"""Documents print a stall's or workshop's paper by its name and its keeper's ID masked (issue 12,
"Small workshops and stalls"; docs/registration-papers.md)."""

import pytest
from notice_helpers import pdf_pages_text

from inspector_app.core import establishments
from inspector_app.core.notices.pdf import render

KEEPER_ID = "120101199003071235"  # GB 11643-1999: born 1990-03-07, check character 5
MASKED = "1201011990****1235"  # digits 11–14 (月月日日) hidden, as the 2016 结果记录表 prints them


def _text(pdf: bytes) -> str:
    return "".join(pdf_pages_text(pdf)).replace("\r\n", "").replace("\n", "")


# (category, number, what the paper's number is called on the documents)
PAPERS = [
    ("stall", "津蓟摊备〔2023〕0012号", "备案证明编号"),
    ("workshop", "津蓟小作坊2024-0031", "登记证编号"),
    ("catering", "JY21201190020002", "许可证编号"),
]


@pytest.mark.parametrize("category, number, called", PAPERS)
@pytest.mark.parametrize("kind", ["result", "record"])
def test_the_paper_is_named_and_the_keepers_id_is_masked(env, category, number, called, kind):
    inspection_id = env.finalized()
    with env.store.write() as session:
        establishments.update(session, env.basics.restaurant_id, category=category, licence_no=number,
                              responsible_id_no=KEEPER_ID)
    content = env.issue(inspection_id, kind, "a4")
    assert (content.party.licence_no, content.party.licence_label) == (number, called)
    assert content.party.responsible_id == MASKED
    text = _text(render(content))
    assert called in text and KEEPER_ID not in text and "19900307" not in text
    if kind == "record":  # the on-site record names the keeper with the masked number
        assert f"负责人身份证号{MASKED}" in text.replace(" ", "")


@pytest.mark.parametrize("category, number, called", PAPERS)
def test_the_order_names_the_paper_too(env, category, number, called):
    inspection_id = env.finalized(fail=["2.1"])
    with env.store.write() as session:
        establishments.update(session, env.basics.restaurant_id, category=category, licence_no=number)
    text = _text(render(env.issue(inspection_id, "order", "a4")))
    assert f"（{called}：{number}）" in text.replace(" ", "")
