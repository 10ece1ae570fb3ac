import random

import pytest

from inspector_app.core.errors import ValidationError
from inspector_app.core.identifiers import (
    USCC_ALPHABET,
    licence_type,
    make_licence,
    make_uscc,
    mask_id_number,
    normalize_licence,
    normalize_uscc,
    uscc_check_char,
    validate_licence,
    validate_uscc,
)

REAL = "92140702MA0K2AX62M"


def rejected(code: str) -> ValidationError:
    with pytest.raises(ValidationError) as info:
        validate_uscc(code)
    assert info.value.field == "credit_code"
    return info.value


def test_weights_and_worked_example():
    assert uscc_check_char("91350100M000100Y4") == "3"
    assert validate_uscc("91350100M000100Y43") == "91350100M000100Y43"


def test_real_code_is_valid():
    assert validate_uscc(REAL) == REAL
    assert uscc_check_char(REAL[:17]) == "M"


def test_every_single_character_change_is_rejected():
    for position in range(18):
        for ch in USCC_ALPHABET + "IOSVZ-*":
            if ch == REAL[position]:
                continue
            changed = REAL[:position] + ch + REAL[position + 1:]
            with pytest.raises(ValidationError):
                validate_uscc(changed)


def test_wrong_check_character_names_the_right_one():
    error = rejected(REAL[:17] + "0")
    assert "should be M, not 0" in error.message


@pytest.mark.parametrize("letter", list("IOSVZ"))
def test_excluded_letters_rejected_with_position(letter):
    code = REAL[:9] + letter + REAL[10:]
    error = rejected(code)
    assert "position 10" in error.message
    assert f"letter {letter} is never used" in error.message


def test_length_and_authority_rules():
    assert "has 17 characters, must have 18" in rejected(REAL[:17]).message
    assert "has 19 characters" in rejected(REAL + "1").message
    assert "empty" in rejected("  ").message
    body = "B2140702MA0K2AX62"
    assert "registering authority" in rejected(body + uscc_check_char(body)).message


def test_lowercase_spaces_and_full_width_accepted():
    assert validate_uscc(" 9214 0702ma0k2ax62m ") == REAL
    full_width = "".join(chr(ord(ch) + 0xFEE0) for ch in REAL)
    assert normalize_uscc(full_width) == REAL
    assert validate_uscc("９２１４０７０２ＭＡ０Ｋ２ＡＸ６２Ｍ") == REAL


def test_field_name_is_passed_through():
    with pytest.raises(ValidationError) as info:
        validate_uscc("x", field="operator_code")
    assert info.value.field == "operator_code"


def test_make_uscc_always_valid():
    codes = set()
    for seed in range(1000):
        code = make_uscc(random.Random(seed))
        assert validate_uscc(code) == code
        assert code.startswith("92120119MA")
        codes.add(code)
    assert len(codes) == 1000
    assert make_uscc(random.Random(7), division="350100", entity_type="1").startswith("91350100")
    with pytest.raises(ValidationError):
        make_uscc(random.Random(1), division="12011")
    with pytest.raises(ValidationError):
        make_uscc(random.Random(1), authority="B")


@pytest.mark.parametrize("number", ["JY11407020031943", "SC10212011600523"])
def test_valid_licences(number):
    assert validate_licence(number) == number
    assert licence_type(number) == number[:2]


def test_licence_normalized_from_lowercase_spaces_full_width():
    assert normalize_licence(" jy 1140 7020031943 ") == "JY11407020031943"
    assert validate_licence("ｊｙ１１４０７０２００３１９４３") == "JY11407020031943"
    assert validate_licence("sc 102 120116 0052 3") == "SC10212011600523"


@pytest.mark.parametrize("number, words", [
    ("SP11407020031943", "must start with JY"),
    ("1140702003194312", "must start with JY"),
    ("JY1140702003194", "has 13 digits after JY, must have 14"),
    ("SC102120116005231", "has 15 digits after SC"),
    ("JY11407A20031943", "position 8 is 'A'"),
    ("JY1140702003194O", "position 16 is 'O'"),
    ("", "empty"),
])
def test_bad_licences(number, words):
    with pytest.raises(ValidationError) as info:
        validate_licence(number, field="licence_no")
    assert words in info.value.message
    assert info.value.field == "licence_no"
    assert licence_type(number) is None


def test_make_licence():
    rng = random.Random(3)
    jy = make_licence(rng, sequence=42)
    assert jy[:15] == "JY2120119000042" and len(jy) == 16 and licence_type(jy) == "JY"
    sc = make_licence(rng, prefix="SC", business_type=102, region="120116", sequence=52)
    assert sc[:15] == "SC1021201160052" and licence_type(sc) == "SC"
    for bad in ({"sequence": 1_000_000}, {"sequence": -1}, {"sequence": 1, "business_type": 12},
                {"sequence": 1, "prefix": "XK"}, {"sequence": 1, "region": "12"}):
        with pytest.raises(ValidationError):
            make_licence(rng, **bad)


def test_mask_id_number():
    assert mask_id_number("12011919900307123X") == "1201191990****123X"
    assert mask_id_number("120119 19900307 123x") == "1201191990****123X"
    assert mask_id_number("120119900307123") == "12011990****123"
    for bad in ("12011919900307123", "1201191990030712Y3", ""):
        with pytest.raises(ValidationError) as info:
            mask_id_number(bad)
        assert not bad or bad not in info.value.message  # never echo an ID
