"""The district desk without a browser: staff accounts, lockout, sessions, CSRF, roles, actions and downloads.

Starlette's TestClient drives the real app over the world's central store; every
check is on what a person would get (the page, the file) or on what the store
then holds.
"""

from __future__ import annotations

import base64
import io
import re
import sys
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from cli_calls import call
from desk_world import ADMIN_PASSWORD, CLERK_PASSWORD, desk_world, field, sign_in
from openpyxl import load_workbook
from sqlalchemy import func, select
from starlette.testclient import TestClient

from inspector_app.central import admin, assignments, conflicts, figures, importer, staff
from inspector_app.central import models as m
from inspector_app.central.store import now
from inspector_app.central.web.app import create_app
from inspector_app.core.errors import NotFound, StateError, ValidationError
from inspector_app.core.sync import enrolment

OPEN: list[TestClient] = []


@pytest.fixture
def world(tmp_path):
    w = desk_world(tmp_path)
    yield w
    while OPEN:
        OPEN.pop().__exit__(None, None, None)
    w.close()


def client(world, base_url: str = "http://testserver") -> TestClient:
    """A browser of its own (cookies) on the app over the world's store, its lifespan started."""
    c = TestClient(create_app(world.root / "central", central=world.central), base_url=base_url,
                   follow_redirects=False)
    OPEN.append(c.__enter__())
    return c


def signed_in(world, username="wang", password=ADMIN_PASSWORD) -> TestClient:
    c = client(world)
    assert sign_in(c, username, password).status_code == 303
    return c


def csrf(c: TestClient, path: str = "/desk/") -> str:
    return field(c.get(path).text, "csrf")


def attempts(world) -> int:
    with world.central.engine.connect() as conn:
        return conn.execute(select(func.count()).select_from(m.sign_in_attempt)).scalar()


# staff accounts


def test_staff_accounts_are_checked_and_kept(world):
    with pytest.raises(ValidationError, match="10"):
        staff.create(world.central, username="zhao", display_name="赵", role=staff.CLERK, password="short")
    with pytest.raises(ValidationError):
        staff.create(world.central, username="a b", display_name="赵", role=staff.CLERK, password="x" * 12)
    with pytest.raises(ValidationError):
        staff.create(world.central, username="zhao", display_name="赵", role="king", password="x" * 12)
    with pytest.raises(StateError):
        staff.create(world.central, username="WANG", display_name="另一个王", role=staff.CLERK, password="x" * 12)
    with pytest.raises(NotFound):
        staff.disable(world.central, "nobody")
    listed = {p["username"]: p for p in staff.list_staff(world.central)}
    assert set(listed) == {"wang", "li"} and listed["li"]["role"] == staff.CLERK
    with world.central.engine.connect() as conn:
        stored = conn.execute(select(m.staff.c.password_hash).where(m.staff.c.username == "wang")).scalar()
    assert stored.startswith("$argon2id$") and ADMIN_PASSWORD not in stored


def test_five_failures_lock_the_account_for_fifteen_minutes_and_every_attempt_is_recorded(world):
    start = now()
    for n in range(4):
        with pytest.raises(ValidationError) as failed:
            staff.sign_in(world.central, "li", "wrong password", at=start + timedelta(seconds=n))
        assert failed.value.code == "desk.sign_in_failed"
    with pytest.raises(StateError) as locked:
        staff.sign_in(world.central, "li", "wrong password", at=start + timedelta(seconds=5))
    assert locked.value.code == "desk.locked"
    with pytest.raises(StateError):  # the right password does not help while locked
        staff.sign_in(world.central, "li", CLERK_PASSWORD, at=start + timedelta(minutes=14))
    assert attempts(world) == 6
    made = staff.sign_in(world.central, "li", CLERK_PASSWORD, at=start + timedelta(minutes=15, seconds=6))
    assert staff.session(world.central, made["token"], at=start + timedelta(minutes=16))["username"] == "li"
    assert [a["ok"] for a in staff.attempts(world.central, "li")][:2] == [True, False]
    shown = signed_in(world).get("/desk/staff").text.split("最近的登录")[1]
    assert shown.count("失败：密码不对") == 5 and shown.count("失败：账号锁定中") == 1


def test_failures_spread_over_more_than_fifteen_minutes_do_not_lock(world):
    start = now()
    for n in range(8):
        with pytest.raises(ValidationError):
            staff.sign_in(world.central, "li", "wrong password", at=start + timedelta(minutes=4 * n))
    assert staff.sign_in(world.central, "li", CLERK_PASSWORD, at=start + timedelta(minutes=33))["token"]


def test_an_unknown_name_gets_the_same_answer_as_a_wrong_password(world):
    with pytest.raises(ValidationError) as unknown:
        staff.sign_in(world.central, "nobody", ADMIN_PASSWORD)
    with pytest.raises(ValidationError) as wrong:
        staff.sign_in(world.central, "wang", "not it at all")
    assert unknown.value.message_in("zh") == wrong.value.message_in("zh") == "用户名或密码不对"


def test_sessions_expire_end_at_sign_out_and_when_the_password_changes_or_the_account_is_disabled(world):
    made = staff.sign_in(world.central, "wang", ADMIN_PASSWORD)
    assert staff.session(world.central, made["token"])["role"] == staff.ADMIN
    assert staff.session(world.central, made["token"], at=now() + timedelta(hours=8, seconds=1)) is None
    assert staff.session(world.central, made["token"] + "x") is None
    staff.set_password(world.central, "wang", "a new long password")
    assert staff.session(world.central, made["token"]) is None
    again = staff.sign_in(world.central, "wang", "a new long password")
    staff.sign_out(world.central, again["token"])
    assert staff.session(world.central, again["token"]) is None
    third = staff.sign_in(world.central, "wang", "a new long password")
    staff.disable(world.central, "wang")
    assert staff.session(world.central, third["token"]) is None
    with pytest.raises(StateError, match="disabled"):
        staff.sign_in(world.central, "wang", "a new long password")


# the pages


def test_a_page_asks_for_sign_in_and_a_wrong_password_is_told(world):
    c = client(world)
    assert c.get("/desk/orders").headers["location"] == "/desk/signin?next=/desk/orders"
    refused = sign_in(c, "wang", "wrong")
    assert refused.status_code == 401 and "用户名或密码不对" in refused.text and "Traceback" not in refused.text
    assert c.get("/desk/").status_code == 303
    form = c.get("/desk/signin?next=/desk/laptops").text
    again = c.post("/desk/signin", data={"username": "wang", "password": "wrong", "next": field(form, "next"),
                                         "signin_token": field(form, "signin_token")})
    assert field(again.text, "next") == "/desk/laptops"  # a wrong password does not lose where the person was going
    ok = sign_in(c, "wang", ADMIN_PASSWORD)
    cookie = ok.headers["set-cookie"]
    assert "HttpOnly" in cookie and "samesite=strict" in cookie.lower() and "Secure" not in cookie
    overview = c.get("/desk/")
    assert overview.status_code == 200 and "王芳" in overview.text and "<svg" in overview.text
    assert "default-src 'none'" in overview.headers["content-security-policy"]


def test_over_https_the_cookie_is_secure(world):
    c = client(world, "https://testserver")
    assert "Secure" in sign_in(c, "wang", ADMIN_PASSWORD).headers["set-cookie"]


def test_sign_in_needs_the_forms_own_token_and_never_sends_people_elsewhere(world):
    c = client(world)
    forged = c.post("/desk/signin", data={"username": "wang", "password": ADMIN_PASSWORD})
    assert forged.status_code == 403 and "desk_session" not in forged.headers.get("set-cookie", "")
    form = c.get("/desk/signin?next=//evil.example/x").text
    assert field(form, "next") == "/desk/"
    done = c.post("/desk/signin", data={"username": "wang", "password": ADMIN_PASSWORD, "next": "//evil.example/",
                                        "signin_token": field(form, "signin_token")})
    assert done.headers["location"] == "/desk/"


def test_a_post_without_the_sessions_token_changes_nothing(world):
    c = signed_in(world)
    open_before = conflicts.list_conflicts(world.central)
    for token in ("", "forged", csrf(signed_in(world, "li", CLERK_PASSWORD))):  # another session's token too
        refused = c.post("/desk/conflicts/resolve", data={"conflict": open_before[0]["id"], "csrf": token})
        assert refused.status_code == 403 and "页面已过期" in refused.text
    assert conflicts.list_conflicts(world.central) == open_before


def test_a_clerk_resolves_but_may_not_revoke_enrol_or_manage_staff(world):
    c = signed_in(world, "li", CLERK_PASSWORD)
    token = csrf(c)
    device = world.laptops["a"].device_id
    assert "注册一台笔记本" not in c.get("/desk/laptops").text and "人员" not in c.get("/desk/").text.split("</nav>")[0]
    assert c.get("/desk/staff").status_code == 403
    for path, data in (("/desk/laptops/revoke", {"device": device}), ("/desk/laptops/enrol",
                       {"device_name": "x", "township": "渔阳镇"}), ("/desk/staff/disable", {"username": "wang"})):
        refused = c.post(path, data={**data, "csrf": token})
        assert refused.status_code == 403 and "只有区局管理员" in refused.text
    assert all(d["revoked_after_seq"] is None for d in admin.devices(world.central))
    flag = conflicts.list_conflicts(world.central)[0]
    done = c.post("/desk/conflicts/resolve", data={"conflict": flag["id"], "csrf": token, "note": "实地核实"})
    assert done.headers["location"] == "/desk/conflicts?done=resolved"
    resolved = conflicts.list_conflicts(world.central, include_resolved=True)[0]
    assert resolved["resolved_by"] == "李明 (li)" and resolved["resolution"] == "实地核实"
    assert "已标记为已处理" in c.get(done.headers["location"]).text


def test_a_session_made_through_one_worker_holds_on_another(world):
    first = signed_in(world)
    second = client(world)  # another app over the same database, as another worker process would be
    second.cookies.set("desk_session", first.cookies["desk_session"], path="/desk")
    assert "王芳" in second.get("/desk/orders").text
    first.post("/desk/signout", data={"csrf": csrf(first)})
    assert second.get("/desk/orders").status_code == 303


def test_every_table_downloads_as_excel_and_csv_with_what_the_page_shows(world):
    c = signed_in(world)
    page = c.get("/desk/duplicates").text
    assert "张记小吃" in page
    book = load_workbook(io.BytesIO(c.get("/desk/duplicates?format=xlsx&table=duplicates").content))
    sheet = book.active
    assert sheet["A1"].value == "疑似重复的检查主体" and [v.value for v in sheet[2]][:2] == ["编号", "保留"]
    assert {sheet["B3"].value, sheet["B4"].value} == {"张记小吃", "洇溜饭庄"} and sheet.max_row == 4
    text = c.get("/desk/?format=csv&table=progress-month-township").content.decode("utf-8-sig")
    assert text.startswith("乡镇,检查次数") and "合计,2," in text
    bad = c.get("/desk/?format=pdf")
    assert bad.status_code == 400 and "xlsx" in bad.text and "Traceback" not in bad.text


def test_duplicates_merge_from_the_page_in_the_staff_members_name(world):
    c = signed_in(world)
    page = c.get("/desk/duplicates").text
    keep, dup = field(page, "keep"), field(page, "duplicate")
    done = c.post("/desk/duplicates/merge", data={"keep": keep, "duplicate": dup, "csrf": field(page, "csrf")})
    assert done.status_code == 303
    with world.central.engine.connect() as conn:
        data = conn.execute(select(m.record.c.data).where(m.record.c.id == dup)).scalar()
    assert data["status"] == "merged" and data["merged_into"] == keep
    [flag] = [f for f in conflicts.list_conflicts(world.central, include_resolved=True) if f["entity_id"] == dup]
    assert flag["resolved_by"] == "王芳 (wang)"
    again = c.post("/desk/duplicates/merge", data={"keep": keep, "duplicate": dup, "csrf": field(page, "csrf")})
    assert again.status_code == 409 and "Traceback" not in again.text


def test_an_enrolment_made_on_the_page_enrols_a_real_laptop_and_a_revocation_sticks(world):
    c = signed_in(world)
    page = c.get("/desk/laptops").text
    code = re.search(r'<option value="(\d+)">洇溜镇', page).group(1)
    made = c.post("/desk/laptops/enrol", data={"device_name": "新来的笔记本", "township": code,
                                              "csrf": field(page, "csrf")})
    assert made.status_code == 200 and 'src="data:image/png;base64,' in made.text
    body = base64.b64decode(re.search(r'href="data:application/json;base64,([^"]+)"', made.text).group(1))
    laptop = world.laptop("c", enrol=False)
    with laptop.store.write() as s:
        enrolment.enrol(s, laptop.paths.keys, body)
    assert world.up(laptop)["status"] == "applied"
    listed = c.get("/desk/laptops").text
    assert "新来的笔记本" in listed
    device = laptop.device_id
    revoked = c.post("/desk/laptops/revoke", data={"device": device, "csrf": field(listed, "csrf")})
    assert revoked.status_code == 303
    assert next(d for d in admin.devices(world.central) if d["device_id"] == device)["revoked_after_seq"] is not None


def test_assignments_are_made_and_cancelled_from_the_page(world):
    c = signed_in(world, "li", CLERK_PASSWORD)
    page = c.get("/desk/assignments").text
    town = re.search(r'<option value="(township:\d+)">渔阳镇', page).group(1)
    two = c.post("/desk/assignments/create", data={"establishment": "洇溜饭庄", "due": "2030-01-31", "target": town,
                                                   "csrf": field(page, "csrf")})
    assert two.status_code == 400 and "有 2 个检查主体叫“洇溜饭庄”" in two.text
    place = field(c.get("/desk/duplicates").text, "keep")
    made = c.post("/desk/assignments/create", data={"establishment": place, "due": "2030-01-31", "target": town,
                                                    "purpose": "complaint", "csrf": field(page, "csrf")})
    assert made.status_code == 303
    [row] = assignments.list_assignments(world.central)
    assert row["created_by"] == "李明 (li)" and row["due_date"] == "2030-01-31" and row["purpose"] == "complaint"
    missing = c.post("/desk/assignments/create", data={"establishment": "没有这家", "due": "2030-01-31",
                                                       "target": town, "csrf": field(page, "csrf")})
    assert missing.status_code == 404 and "没有这家" in missing.text
    page = c.get("/desk/assignments").text
    assert row["establishment_name"] in page and "新任务" in page
    c.post("/desk/assignments/cancel", data={"assignment": row["id"], "csrf": field(page, "csrf")})
    assert assignments.list_assignments(world.central)[0]["status"] == "cancelled"


def test_an_admin_adds_and_disables_staff_on_the_page(world):
    c = signed_in(world)
    token = csrf(c, "/desk/staff")
    differ = c.post("/desk/staff/add", data={"username": "zhao", "display_name": "赵六", "role": staff.CLERK,
                                             "password": "long enough 1", "password2": "long enough 2", "csrf": token})
    assert differ.status_code == 400 and "不一致" in differ.text
    c.post("/desk/staff/add", data={"username": "zhao", "display_name": "赵六", "role": staff.CLERK,
                                    "password": "long enough 1", "password2": "long enough 1", "csrf": token})
    assert staff.sign_in(world.central, "zhao", "long enough 1")["role"] == staff.CLERK
    sheet = load_workbook(io.BytesIO(c.get("/desk/staff?format=xlsx&table=staff").content)).active
    added = next(row[4] for row in sheet.iter_rows(min_row=3, values_only=True) if row[0] == "zhao")
    china_now = datetime.now(figures.CHINA).replace(tzinfo=None)  # the district reads China time, not UTC
    assert abs((china_now - added).total_seconds()) < 120
    c.post("/desk/staff/disable", data={"username": "zhao", "csrf": token})
    assert next(p for p in staff.list_staff(world.central) if p["username"] == "zhao")["disabled"]


def test_the_staff_commands(tmp_path, world):
    data = world.root / "central"
    import sys
    stdin, sys.stdin = sys.stdin, io.StringIO("a command-line password\n")  # as a script would give it
    try:
        code, out, err = call(data, "central", "staff", "add", "sun", "--name", "孙七", "--role", "district_admin",
                              "--password-stdin")
    finally:
        sys.stdin = stdin
    assert code == 0, err
    assert staff.sign_in(world.central, "sun", "a command-line password")["role"] == staff.ADMIN
    code, out, err = call(data, "central", "staff", "list")
    assert "sun" in out and "孙七" in out
    code, out, err = call(data, "central", "staff", "add", "x", "--name", "x", "--role", "district_clerk",
                          "--password", "in argv")
    assert code == 2  # no way to give a password on the command line itself
    assert call(data, "central", "staff", "disable", "sun")[0] == 0
    with pytest.raises(StateError):
        staff.sign_in(world.central, "sun", "a command-line password")


def test_a_bundle_held_behind_a_gap_is_forced_and_its_alert_cleared_from_the_pages(world):
    a = world.laptops["a"]
    place = a.add_establishment(name="缺号小店")
    lost = a.export(world.stick())  # never reaches the district
    a.update_establishment(place, phone="13800001111")
    later = a.export(world.stick(), after_seq=lost["seq_to"])
    assert importer.import_bundle(world.central, later["bundle"])["status"] == "held"
    importer.check_gaps(world.central, at=now() + timedelta(days=6))
    c = signed_in(world, "li", CLERK_PASSWORD)
    gaps = c.get("/desk/gaps").text
    assert later["bundle_id"] in gaps
    c.post("/desk/gaps/clear", data={"alert": field(gaps, "alert"), "csrf": field(gaps, "csrf")})
    assert conflicts.list_alerts(world.central) == []
    held = c.get("/desk/held").text
    assert field(held, "bundle") == later["bundle_id"]
    forced = c.post("/desk/held/force", data={"bundle": later["bundle_id"], "csrf": field(held, "csrf")})
    assert forced.headers["location"] == "/desk/held?done=forced"
    assert importer.held_bundles(world.central) == []
    with world.central.engine.connect() as conn:
        flag = conn.execute(select(m.record.c.conflict).where(m.record.c.id == place)).scalar()
    assert flag == "gap"  # forced past the gap: the record is marked for a person to check
    log = [(x["username"], x["action"], x["target"]) for x in staff.actions(world.central)]
    assert log[:2] == [("li", "held/force", later["bundle_id"]), ("li", "gaps/clear", field(gaps, "alert"))]
    page = signed_in(world).get("/desk/staff").text
    assert "强制应用同步包" in page and "清除提醒" in page
    assert all(set(x["detail"]) & {"csrf", "password"} == set() for x in staff.actions(world.central))


def test_held_changes_are_reprocessed_from_the_page_once_central_understands_them(world, tmp_path, monkeypatch):
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "sync"))
    from test_sync_versions import resigned_ops  # a laptop's bundle re-signed with a newer app's payload

    from inspector_app.central import apply as central_apply
    a = world.laptops["a"]
    world.down(a)  # its earlier changes acknowledged: the next bundle carries only the new one
    eid = a.add_establishment(name="新格式店")
    path = Path(a.export(world.stick())["bundle"])

    def to_v2(op):  # a newer app renamed phone to tel
        if op["entity"] == "establishment":
            op = {**op, "payload_v": 2, "payload": {**op["payload"], "tel": op["payload"].pop("phone", None)}}
        return op

    result = importer.import_bundle(world.central, resigned_ops(world, a, path, tmp_path, to_v2))
    assert result.get("ops", {}).get("held") == 1, result
    c = signed_in(world, "li", CLERK_PASSWORD)
    held = c.get("/desk/held").text
    assert eid in held and "重新处理暂存的变更" in held
    monkeypatch.setattr(central_apply, "PAYLOAD_V", 2)  # central is upgraded: it now knows payload_v 2
    monkeypatch.setitem(central_apply.UPCASTERS, 1, lambda op: {**op, "payload_v": 2, "payload": {
        **{k: v for k, v in op["payload"].items() if k != "phone"}, "tel": op["payload"].get("phone")}})
    done = c.post("/desk/held/reprocess", data={"csrf": field(held, "csrf")})
    assert done.headers["location"] == "/desk/held?done=reprocessed"
    with world.central.engine.connect() as conn:
        reason = conn.execute(select(m.op.c.reason).where(m.op.c.entity_id == eid,
                                                          m.op.c.entity == "establishment")).scalar()
    assert "re-processed by 李明 (li)" in reason and eid not in c.get("/desk/held").text


def test_the_desk_reads_in_english_when_chosen_and_its_tables_stay_the_same(world):
    c = signed_in(world, "li", CLERK_PASSWORD)
    chinese = c.get("/desk/conflicts").text
    assert '<html lang="zh-CN">' in chinese and "标记为已处理" in chinese
    switched = c.get("/desk/language?to=en", headers={"referer": "http://testserver/desk/conflicts"})
    assert switched.headers["location"] == "/desk/conflicts"
    english = c.get("/desk/conflicts").text
    assert '<html lang="en">' in english and "Mark resolved" in english and "Sign out" in english
    assert "待处理的冲突" in english  # the table is the download's: Chinese in both
    refused = c.post("/desk/laptops/revoke", data={"device": "x", "csrf": field(english, "csrf")})
    assert "only a district administrator may do this" in refused.text
    evil = c.get("/desk/language?to=zh", headers={"referer": "http://evil.example//desk/x"})
    assert evil.headers["location"] == "/desk/" and '<html lang="zh-CN">' in c.get("/desk/").text
