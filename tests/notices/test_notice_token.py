"""The QR token: compact, signed, strict; forged or altered tokens fail with the right reason."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from inspector_app.core import keys
from inspector_app.core.models import KnownKey
from inspector_app.core.notices import qr, token, verify_token
from inspector_app.core.notices.issuing import verify_url

FACTS = token.TokenFacts(notice_id=uuid.UUID("01930000-0000-7000-8000-000000000001"), kind="order",
                         inspection_id=uuid.UUID("01930000-0000-7000-8000-000000000002"), name="张三餐馆",
                         licence_no="JY21201190012345", inspected_on=date(2026, 11, 28),
                         result="basically_compliant", handling="rectify", deadline=date(2026, 12, 13))
ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"


def _sign(facts, key: Ed25519PrivateKey) -> str:
    return token.sign(facts, key, keys.key_id(keys.raw_public(key.public_key())))


@pytest.fixture
def signed(keyed):
    return _sign(FACTS, keyed.device.sign)


def _verify(env, text):
    with env.store.session() as session:
        return verify_token(session, text)


def _changed(text: str, position: int) -> str:
    replacement = ALPHABET[(ALPHABET.index(text[position]) + 1) % 32]
    return text[:position] + replacement + text[position + 1:]


def test_a_token_round_trips_its_facts(keyed, signed):
    verdict = _verify(keyed, signed)
    assert verdict.valid and verdict.reason is None
    assert verdict.facts == FACTS
    assert verdict.signer["key_id"] == keyed.device.sign_key_id
    data = verdict.to_dict()
    assert data["kind"] == "order" and data["result"] == "basically_compliant"
    assert data["deadline"] == "2026-12-13" and data["establishment"]["name"] == "张三餐馆"


def test_the_url_and_the_bare_token_verify_alike(keyed, signed):
    assert _verify(keyed, verify_url("https://jz.example.gov.cn/", signed)).valid
    assert _verify(keyed, f"  {signed}\n").valid


def test_signing_is_deterministic_and_the_text_is_base32():
    key = Ed25519PrivateKey.from_private_bytes(bytes(range(32)))
    first, second = _sign(FACTS, key), _sign(FACTS, key)
    assert first == second and set(first) <= set(ALPHABET)


def test_every_single_changed_character_fails(keyed, signed):
    reasons = set()
    for position in range(len(signed)):
        verdict = _verify(keyed, _changed(signed, position))
        assert not verdict.valid, position
        reasons.add(verdict.reason)
    assert reasons <= {"signature does not match", "unknown signer", "malformed token", "token is truncated"} | \
        {r for r in reasons if r.startswith("unsupported token version")}
    assert "signature does not match" in reasons


def test_a_changed_name_or_signature_does_not_match(keyed, signed):
    name_at = len(token.encode(token.payload(FACTS, keyed.device.sign_key_id))) - 4  # inside the name bytes
    assert _verify(keyed, _changed(signed, name_at)).reason == "signature does not match"
    assert _verify(keyed, _changed(signed, len(signed) - 20)).reason == "signature does not match"


def test_a_changed_key_id_is_an_unknown_signer(keyed, signed):
    assert _verify(keyed, _changed(signed, 6)).reason == "unknown signer"  # chars 5–11 hold the key-id bytes


def test_another_keys_signature_under_our_key_id_does_not_match(keyed):
    other = Ed25519PrivateKey.generate()
    forged = token.sign(FACTS, other, keyed.device.sign_key_id)  # claims to be this laptop
    assert _verify(keyed, forged).reason == "signature does not match"


def test_a_key_this_store_does_not_know_is_an_unknown_signer(keyed):
    assert _verify(keyed, _sign(FACTS, Ed25519PrivateKey.generate())).reason == "unknown signer"


def test_a_key_imported_from_another_laptop_verifies(keyed):
    other = Ed25519PrivateKey.generate()
    public = keys.raw_public(other.public_key())
    with keyed.store.write() as session:
        session.add(KnownKey(key_id=keys.key_id(public), kind="sign", owner="device", device_id="other",
                             public_key=keys.b64(public), label="渔阳镇 laptop 2"))
    verdict = _verify(keyed, _sign(FACTS, other))
    assert verdict.valid and verdict.signer["device_id"] == "other"


def test_a_revoked_key_fails(keyed, signed):
    with keyed.store.write() as session:
        session.get(KnownKey, keyed.device.sign_key_id).revoked_at = datetime(2026, 12, 1, tzinfo=UTC)
    verdict = _verify(keyed, signed)
    assert not verdict.valid and "revoked" in verdict.reason


def test_a_truncated_token_fails(keyed, signed):
    for cut in range(1, len(signed)):
        verdict = _verify(keyed, signed[:-cut])
        assert not verdict.valid and verdict.reason in ("token is truncated", "malformed token"), cut


def test_a_token_cut_at_a_block_boundary_is_reported_as_truncated(keyed, signed):
    text = signed[:len(signed) - len(signed) % 8 - 8]  # whole 5-byte blocks: decodes, then is too short
    assert _verify(keyed, text).reason == "token is truncated"


def test_garbage_is_malformed(keyed):
    for text in ["", "hello", "https://jz.example.gov.cn/v/", "abc", "A1B", "https://x/v/AAAA?x=1"]:
        verdict = _verify(keyed, text)
        assert not verdict.valid and verdict.reason, text


def test_lower_case_and_padding_are_not_accepted(keyed, signed):
    assert _verify(keyed, signed.lower()).reason == "malformed token"
    assert _verify(keyed, signed + "=").reason == "malformed token"


def test_unused_trailing_bits_must_be_zero(keyed, signed):
    if len(signed) % 8 == 0:
        pytest.skip("this token's length leaves no unused bits")
    last = ALPHABET.index(signed[-1])
    flipped = signed[:-1] + ALPHABET[last ^ 1]
    assert _verify(keyed, flipped).reason in ("malformed token", "signature does not match")


def test_long_names_are_cut_between_characters_and_flagged():
    facts = token.TokenFacts(**{**FACTS.__dict__, "name": "天津市蓟州区渔阳镇张三餐饮管理有限公司"})
    key = Ed25519PrivateKey.from_private_bytes(bytes(32))
    parsed = token.parse(_sign(facts, key))
    assert parsed.facts.name == "天津市蓟州区渔阳镇张" and parsed.facts.name_truncated
    assert len(parsed.facts.name.encode()) <= token.NAME_MAX_BYTES


def test_the_longest_token_fits_a_version_10_code_readable_at_20_mm_on_a_203_dpi_roll():
    facts = token.TokenFacts(**{**FACTS.__dict__, "name": "名" * 40, "licence_no": "JY" + "9" * 30})
    key = Ed25519PrivateKey.from_private_bytes(bytes(32))
    text = _sign(facts, key)
    url = verify_url("https://jz.example.gov.cn", text)
    # 44 fixed + 1+20 licence + 1+30 name + 64 signature = 160 bytes = 256 base32 characters
    assert len(token.decode(text)) == 160 and len(text) == 256 and len(url) == 284
    version, modules = qr.version_of(url)
    assert version <= 10 and modules == 17 + 4 * version
    code = qr.make(url)
    assert code.modules == modules + 2 * qr.QUIET_ZONE
    # 20 mm at 203 dpi = 159.8 dots; quiet zone included, each module must get at least 2 dots
    assert code.dots_per_module(20) >= 2.0
    size = code.size_for_whole_dots(20)
    assert 20 <= size <= 26
    assert (size / 25.4 * 203 / code.modules) == pytest.approx(round(size / 25.4 * 203 / code.modules))


@pytest.mark.parametrize("spoken, says", [("zh", "核验码格式不对"), ("en", "malformed token")])
def test_a_refusal_names_its_code_and_reads_in_the_language_spoken(keyed, spoken, says):
    """`code` and the English `reason` stay the same for scripts; `message` follows the language."""
    from inspector_app.core import language
    language.use(spoken)
    verdict = _verify(keyed, "NOT-A-TOKEN")
    data = verdict.to_dict()
    assert (data["valid"], data["code"], data["reason"]) == (False, "verify.malformed", "malformed token")
    assert says in data["message"] and says in verdict.text()
