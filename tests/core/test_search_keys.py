import sqlite3

import pytest
from pypinyin import Style, lazy_pinyin

from inspector_app.core.search_keys import full_pinyin, grams, haystack, initials, keys, normalize_query

LICENCE, CODE = "JY21201190000421", "92140702MA0K2AX62M"


def test_zhang_san():
    assert initials("张三餐馆") == "zscg"
    assert full_pinyin("张三餐馆") == "zhangsancanguan"
    assert keys("张三餐馆") == ("zscg", "zhangsancanguan")


def test_mixed_names_keep_latin_and_digits_drop_punctuation():
    assert initials("老王烧烤BBQ店") == "lwskbbqd"
    assert full_pinyin("老王烧烤BBQ店") == "laowangshaokaobbqdian"
    assert initials("7天 便利店（二店）") == "7tblded"
    assert initials("ＢＢＱ·张三") == "bbqzs"
    assert full_pinyin("绿茵阁") == "lvyinge"


@pytest.mark.parametrize("name", ["张三餐馆", "重庆小面", "长沙臭豆腐", "银行食堂", "乐乐超市", "朝阳菜市场"])
def test_initials_agree_with_pypinyin_first_letter(name):
    assert initials(name) == "".join(lazy_pinyin(name, style=Style.FIRST_LETTER))


def test_phrase_dictionary_picks_heteronym_readings():
    assert full_pinyin("重庆小面").startswith("chongqing")
    assert full_pinyin("银行食堂") == "yinhangshitang"
    assert initials("长沙臭豆腐") == "cscdf"


def test_haystack_contains_every_part_separated():
    text = haystack(name="张三餐馆", licence="jy 2120119 0000421", credit_code=CODE, extra=("王五", "A|B"))
    parts = text.split("|")
    assert parts == ["张三餐馆", "zscg", "zhangsancanguan", LICENCE.lower(), CODE.lower(), "王五", "a b"]
    assert text == text.lower()
    assert haystack(name="张三餐馆") == "张三餐馆|zscg|zhangsancanguan"


def test_normalize_query():
    assert normalize_query("  ＺＳ　 CG \t馆 ") == "zs cg 馆"
    assert normalize_query("a|b") == "a b"


def test_grams_of_zhang_san():
    found = grams(name="张三餐馆", licence=LICENCE, credit_code=CODE).split(" ")
    assert len(found) == len(set(found))
    for gram in ("张", "张三", "餐馆", "zs", "z", "cg", "j", "jy", "9", "92"):
        assert gram in found
    assert "馆张" not in found and "张三餐" not in found


def test_grams_skip_spaces_and_punctuation():
    found = grams(name="老王 烧烤·BBQ店").split(" ")
    assert {"王烧", "烤b", "bq", "q店", "lw"} <= set(found)
    assert not any(ch in gram for gram in found for ch in " ·")


@pytest.fixture()
def index():
    db = sqlite3.connect(":memory:")
    db.execute("CREATE VIRTUAL TABLE g USING fts5(grams, tokenize='unicode61')")
    db.execute("CREATE VIRTUAL TABLE v USING fts5vocab(g, 'instance')")
    names = ["张三餐馆", "老王烧烤BBQ店", "7天 便利店（二店）"]
    for rowid, name in enumerate(names, start=1):
        db.execute("INSERT INTO g(rowid, grams) VALUES (?, ?)",
                   (rowid, grams(name=name, licence=LICENCE if rowid == 1 else None, credit_code=CODE)))
    yield db
    db.close()


def test_each_gram_is_exactly_one_unicode61_token(index):
    for rowid, in index.execute("SELECT rowid FROM g"):
        stored = index.execute("SELECT grams FROM g WHERE rowid = ?", (rowid,)).fetchone()[0].split(" ")
        tokens = [t for t, in index.execute("SELECT term FROM v WHERE doc = ? ORDER BY offset", (rowid,))]
        assert tokens == stored


def match(db, query: str) -> list[int]:
    phrase = '"' + normalize_query(query).replace('"', '""') + '"'
    return [r for r, in db.execute("SELECT rowid FROM g WHERE g MATCH ? ORDER BY rowid", (phrase,))]


def test_fts5_finds_short_queries(index):
    assert match(index, "餐馆") == [1]
    assert match(index, "zs") == [1]
    assert match(index, "ZS") == [1]
    assert match(index, "JY") == [1]
    assert match(index, "j") == [1]
    assert match(index, "92") == [1, 2, 3]
    assert match(index, "烤b") == [2]
    assert match(index, "7天") == [3]
    assert match(index, "馆张") == []
    assert match(index, "张三餐") == []  # 3+ characters go to the trigram index instead
