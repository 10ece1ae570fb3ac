"""The verification address is the district's: set on central, carried signed in the enrolment file and every
downward bundle, printed in the laptop's QR codes; the laptop's own setting counts only until it is told one."""

from __future__ import annotations

import json

import pytest

from inspector_app.central import district_settings
from inspector_app.central import exporter as central_export
from inspector_app.core import notices, settings
from inspector_app.core.errors import ValidationError
from inspector_app.core.notices import qr
from inspector_app.core.notices.address import district_url, own_base
from inspector_app.core.notices.verify import verify_token
from inspector_app.core.sync import canonical, enrolment

FIRST, SECOND = "https://v.jizhou.gov.cn", "https://verify.tj.gov.cn/jizhou"


def printed_qr(laptop, inspection_id: str, tmp_path) -> str:
    """Issue (or reprint) the result notice, render its PDF and read the QR code back off the page."""
    with laptop.store.write() as session:
        content = notices.issue(session, paths=laptop.paths, settings=settings.load(laptop.paths.data_dir),
                                inspection_id=inspection_id, kind="result")
    pdf = notices.render_to(content, tmp_path / f"notice-{laptop.name}-{len(list(tmp_path.iterdir()))}.pdf")
    (text,) = qr.read_file(pdf)
    return text


def test_enrolment_brings_the_district_address_and_the_next_bundle_a_new_one(world, tmp_path):
    assert district_settings.change(world.central, verify_url=FIRST + "/")["verify_url"] == FIRST
    laptop = world.laptop("a")
    settings.save(laptop.paths.data_dir, {"verify_base_url": "https://evil.example.com"})  # the old, local one
    eid = laptop.add_establishment()
    inspection = laptop.inspect(eid)
    first = printed_qr(laptop, inspection, tmp_path)
    assert first.startswith(FIRST + "/v/")

    district_settings.change(world.central, verify_url=SECOND)
    assert printed_qr(laptop, inspection, tmp_path) == first  # nothing reached the laptop yet
    up, down = world.sync(laptop)
    assert up["status"] == down["status"] == "applied"
    reprint = printed_qr(laptop, inspection, tmp_path)
    assert reprint.startswith(SECOND + "/v/") and reprint.split("/v/")[1] == first.split("/v/")[1]
    with laptop.store.session() as session:
        assert own_base(settings.load(laptop.paths.data_dir), session) == SECOND
        assert verify_token(session, reprint, own_base=own_base({}, session)).address["own"] is True
        assert verify_token(session, first, own_base=own_base({}, session)).address["own"] is False


def test_a_laptop_never_told_keeps_its_setting_and_an_old_enrolment_file_still_enrols(world, tmp_path):
    laptop = world.laptop("a", enrol=False)
    settings.save(laptop.paths.data_dir, {"verify_base_url": "https://old.example.gov.cn"})
    doc = json.loads(canonical.dumps(_enrolment(world, laptop)))
    assert "district" not in doc  # the district never set one: files look as before
    with laptop.store.write() as session:
        enrolment.enrol(session, laptop.paths.keys, canonical.dumps(doc))
    inspection = laptop.inspect(laptop.add_establishment())
    assert printed_qr(laptop, inspection, tmp_path).startswith("https://old.example.gov.cn/v/")
    world.laptops[laptop.name] = laptop
    world.sync(laptop)  # central has no address: the bundle carries none, the laptop keeps its own
    with laptop.store.session() as session:
        assert district_url(session) is None


def _enrolment(world, laptop) -> dict:
    from inspector_app.central import admin
    return admin.issue_enrolment(world.central, device_name=laptop.name, township="渔阳镇")


def test_a_changed_address_in_an_enrolment_file_is_refused(world):
    district_settings.change(world.central, verify_url=FIRST)
    laptop = world.laptop("a", enrol=False)
    world.laptops[laptop.name] = laptop
    doc = _enrolment(world, laptop)
    assert doc["district"]["body"]["verify_url"] == FIRST
    doc["district"]["body"]["verify_url"] = "https://evil.example.com"
    with laptop.store.write() as session, pytest.raises(ValidationError) as refused:
        enrolment.enrol(session, laptop.paths.keys, canonical.dumps(doc))
    assert refused.value.code == "enrolment.does_not_verify"
    with laptop.store.session() as session:
        assert district_url(session) is None


def test_a_bundle_header_carries_the_address_and_an_older_one_does_not_undo_a_newer(world):
    laptop = world.laptop("a")
    laptop.inspect(laptop.add_establishment())
    world.up(laptop)
    district_settings.change(world.central, verify_url=FIRST)
    older = central_export.export_for_device(world.central, laptop.device_id, world.stick())
    district_settings.change(world.central, verify_url=SECOND)
    newer = central_export.export_for_device(world.central, laptop.device_id, world.stick())
    assert laptop.import_(newer["bundle"])["status"] == "applied"
    with laptop.store.session() as session:
        assert district_url(session) == SECOND
    laptop.import_(older["bundle"])  # replayed or applied late: either way the newer address stays
    with laptop.store.session() as session:
        assert district_url(session) == SECOND


def test_central_refuses_an_address_laptops_could_not_print_or_check(world):
    for bad in ("ftp://v.jizhou.gov.cn", "https://user@v.jizhou.gov.cn", "https://v.jizhou.gov.cn/?x=1",
                "v.jizhou.gov.cn", "https://" + "a" * 90 + ".cn", ""):
        with pytest.raises(ValidationError) as refused:
            district_settings.change(world.central, verify_url=bad)
        assert refused.value.code == "central.bad_verify_url", bad
    with pytest.raises(ValidationError) as refused:  # a QR code the notices have no room for
        district_settings.change(world.central, verify_url="https://scjg.tj.gov.cn/jizhou/verify")
    assert refused.value.code == "central.verify_url_too_long" and refused.value.params["version"] == 11
    assert district_settings.load(world.central)["verify_url"] == district_settings.DEFAULTS["verify_url"]


def test_inspector_central_settings_shows_and_sets_the_address(world):
    from cli_calls import call, ok
    data = world.root / "central"
    shown = ok(data, "central", "settings")
    assert shown["verify_url"] == district_settings.DEFAULTS["verify_url"] and shown["set"] == []
    changed = ok(data, "central", "settings", "--verify-url", FIRST + "/", "--bureau-name", "蓟州区市场监管局")
    assert changed["verify_url"] == FIRST and changed["bureau_name"] == "蓟州区市场监管局"
    assert changed["set"] == ["bureau_name", "verify_url"]
    code, out, err = call(data, "central", "settings", "--verify-url", "https://evil.example.com@v.jizhou.gov.cn",
                          "--json")
    assert code != 0 and json.loads(err)["code"] == "central.bad_verify_url" and "Traceback" not in err
    assert ok(data, "central", "settings")["verify_url"] == FIRST  # a refused change changes nothing
    code, out, _ = call(data, "central", "settings")
    assert code == 0 and FIRST in out


def test_the_review_body_and_court_reach_the_laptop_with_the_next_bundle(world, tmp_path):
    """docs/sync-protocol.md §9.5: the 复议机关 and court an order names are the district's, carried like the address;
    an unusable value is left out and the others kept."""
    from inspector_app.core.notices.address import check_district, district_values, redress
    laptop = world.laptop("a")
    with laptop.store.session() as session:
        own = settings.load(laptop.paths.data_dir)
        assert redress(own, session) == ("天津市蓟州区人民政府", "天津市蓟州区人民法院")
    district_settings.change(world.central, review_body="天津市人民政府", court="天津市第一中级人民法院")
    world.sync(laptop)
    with laptop.store.session() as session:
        assert district_values(session) == {"review_body": "天津市人民政府", "court": "天津市第一中级人民法院"}
        assert redress({}, session) == ("天津市人民政府", "天津市第一中级人民法院")
        assert district_url(session) is None  # no address set: the laptop keeps its own
    damaged = {"court": "法院\x00", "review_body": "政府", "verify_url": "ftp://x"}
    assert check_district(damaged) == {"review_body": "政府"}
    assert check_district({"court": "院" * 61}) is None and check_district("x") is None
