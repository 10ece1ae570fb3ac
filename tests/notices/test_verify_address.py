"""A genuine token behind someone else's address: still a genuine token, but the address is called out.

A look-alike site can show a real notice's token (copied from the paper)
beside facts of its own. Verifying a URL, typed or read from a QR code in a
PDF or photo, therefore also says whether it is the district's own
verification address (`address.own`), compared the way a browser would
reach it: scheme, host in any case, ports, trailing slashes and dots,
percent-encoding, and none of the user-name tricks. `valid` stays about
the token; the text output warns in Chinese and English, and `inspector
verify` exits 1 for such a URL.
"""

from __future__ import annotations

import contextlib
import io
import json
import sqlite3
from dataclasses import replace

import pytest

from inspector_app import cli
from inspector_app.core.notices import render
from inspector_app.core.notices.address import is_own, verify_url
from inspector_app.core.notices.verify import verify_file, verify_token

OWN = "https://jz.example.gov.cn"
T = "ABCDEFGH234567"
WARNING = "真实的核验码，但网址不是本区的核验网址，可能是仿冒网站"

ADDRESSES = {
    # the district's own address, however it is written
    "as-printed": (f"{OWN}/v/{T}", True),
    "host-in-capitals": (f"https://JZ.Example.GOV.cn/v/{T}", True),
    "scheme-in-capitals": (f"HTTPS://jz.example.gov.cn/v/{T}", True),
    "default-port": (f"https://jz.example.gov.cn:443/v/{T}", True),
    "trailing-dot-host": (f"https://jz.example.gov.cn./v/{T}", True),
    "trailing-slash": (f"{OWN}/v/{T}/", True),
    "percent-encoded-path": (f"{OWN}/%76/{T}", True),
    "typed-without-scheme": (f"jz.example.gov.cn/v/{T}", True),
    "query-after-the-path": (f"{OWN}/v/{T}?from=wechat", True),
    # someone else's
    "other-host": (f"https://evil.example.com/v/{T}", False),
    "own-host-as-user-name": (f"https://jz.example.gov.cn@evil.com/v/{T}", False),
    "user-name-before-own-host": (f"https://someone@jz.example.gov.cn/v/{T}", False),
    "user-and-password": (f"https://jz.example.gov.cn:443@evil.com/v/{T}", False),
    "encoded-at-sign": (f"https://jz.example.gov.cn%40evil.com/v/{T}", False),
    "backslash-trick": (f"https://jz.example.gov.cn\\@evil.com/v/{T}", False),
    "own-host-as-subdomain": (f"https://jz.example.gov.cn.evil.com/v/{T}", False),
    "own-host-suffix": (f"https://xjz.example.gov.cn/v/{T}", False),
    "own-host-in-the-path": (f"https://evil.com/jz.example.gov.cn/v/{T}", False),
    "own-url-in-the-query": (f"https://evil.com/?u={OWN}/v/{T}", False),
    "look-alike-cyrillic-a": (f"https://jz.exаmple.gov.cn/v/{T}", False),
    "plain-http": (f"http://jz.example.gov.cn/v/{T}", False),
    "other-scheme": (f"ftp://jz.example.gov.cn/v/{T}", False),
    "other-port": (f"https://jz.example.gov.cn:8443/v/{T}", False),
    "port-out-of-range": (f"https://jz.example.gov.cn:99999/v/{T}", False),
    "other-path": (f"{OWN}/other/v/{T}", False),
    "encoded-slash": (f"{OWN}/v%2F{T}", False),
    "tab-inside": (f"https://jz.example.gov.cn\t@evil.com/v/{T}", False),
}


@pytest.mark.parametrize("case", list(ADDRESSES))
def test_the_own_address_is_recognised_however_written_and_nothing_else_is(case):
    url, own = ADDRESSES[case]
    assert is_own(url, T, OWN) is own
    assert is_own(url, T, OWN + "/") is own  # the setting may end with a slash


@pytest.mark.parametrize("url, own", [
    (f"https://gov.example.cn/jz/v/{T}", True),
    (f"https://gov.example.cn/jz//v/{T}", False),
    (f"https://gov.example.cn/v/{T}", False),
    (f"https://gov.example.cn/jzx/v/{T}", False),
])
def test_a_base_with_a_path_must_be_its_prefix(url, own):
    assert is_own(url, T, "https://gov.example.cn/jz/") is own


@pytest.fixture
def genuine(env):
    """A printed order notice: its genuine token, its own URL, and the same token behind a look-alike."""
    inspection_id = env.finalized(fail=["2.1"])
    content = env.issue(inspection_id, "order")
    return env, content, verify_url("https://evil.example.com", content.token)


def verdict(env, text):
    with env.store.session() as session:
        return verify_token(session, text, own_base=OWN)


def test_a_genuine_token_behind_a_foreign_address_is_valid_and_flagged(genuine):
    env, content, phished = genuine
    found = verdict(env, phished)
    assert found.valid and found.foreign_address
    data = found.to_dict()
    assert data["valid"] is True and data["address"] == {"given": phished, "own": False}
    assert data["establishment"]["name"] == "张三餐馆"  # the facts are the token's, not the site's
    text = found.text()
    assert WARNING in text and phished in text and "VALID" in text.splitlines()[0]
    assert text.splitlines()[1].startswith("! " + WARNING)


def test_the_own_address_and_a_bare_token_carry_no_warning(genuine):
    env, content, _ = genuine
    own = verdict(env, content.verify_url)
    assert own.valid and own.to_dict()["address"] == {"given": content.verify_url, "own": True}
    bare = verdict(env, content.token)
    assert bare.valid and bare.to_dict()["address"] == {"given": None, "own": None}
    for found in (own, bare):
        assert WARNING not in found.text() and found.warning() is None


def test_an_invalid_token_behind_a_foreign_address_says_both(genuine):
    env, content, phished = genuine
    found = verdict(env, phished[:-6] + ("A" * 6 if not phished.endswith("AAAAAA") else "B" * 6))
    assert not found.valid and found.to_dict()["address"]["own"] is False
    assert "INVALID" in found.text() and "not the district's address" in found.text()


def test_a_qr_code_in_a_pdf_is_checked_too(genuine, tmp_path):
    """The phishing case on paper: a genuine token printed in a QR code that points elsewhere."""
    env, content, phished = genuine
    forged = tmp_path / "forged.pdf"
    forged.write_bytes(render(replace(content, verify_url=phished)))
    real = tmp_path / "real.pdf"
    real.write_bytes(render(content))
    with env.store.session() as session:
        from_forged = verify_file(session, forged, own_base=OWN)
        from_real = verify_file(session, real, own_base=OWN)
    assert from_forged.valid and from_forged.to_dict()["address"] == {"given": phished, "own": False}
    assert from_real.valid and from_real.to_dict()["address"]["own"] is True


def run_verify(env, value, *flags) -> tuple[int, str, str]:
    """`inspector verify` on the env's store, copied to where the data folder keeps it."""
    if not env.paths.database.exists():
        with sqlite3.connect(env.store.path) as source, sqlite3.connect(env.paths.database) as target:
            source.backup(target)
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = cli.main(["--data-dir", str(env.paths.data_dir), "verify", value, *flags])
    return code, out.getvalue(), err.getvalue()


def test_the_command_warns_and_exits_1_for_a_foreign_address(genuine):
    env, content, phished = genuine
    code, out, err = run_verify(env, phished, "--json")
    assert code == 1 and err == ""
    data = json.loads(out)
    assert data["valid"] is True and data["address"] == {"given": phished, "own": False}
    code, out, err = run_verify(env, phished)
    assert code == 1 and WARNING in out and "possibly a fake site" in out and phished in out
    assert "evil.example.com" in err and "fake site" in err
    code, out, err = run_verify(env, content.verify_url, "--json")
    assert code == 0 and json.loads(out)["address"]["own"] is True
    code, out, _ = run_verify(env, content.token, "--json")
    assert code == 0 and json.loads(out)["address"] == {"given": None, "own": None}


def test_the_own_address_follows_the_setting(genuine):
    """Today the own address is the laptop's verify_base_url setting (core/notices/address.py own_base)."""
    from inspector_app.core import settings
    env, content, phished = genuine
    settings.save(env.paths.data_dir, {"verify_base_url": "https://evil.example.com/"})
    code, out, _ = run_verify(env, phished, "--json")
    assert code == 0 and json.loads(out)["address"]["own"] is True
    code, out, _ = run_verify(env, content.verify_url, "--json")
    assert code == 1 and json.loads(out)["address"]["own"] is False

