"""The desk on PostgreSQL behind two servers at once (as a district runs it behind a load balancer): a sign-in made
through one server holds on the other, sign-out ends it on both, and failures counted through either lock the
account. Runs against the machine's PostgreSQL (127.0.0.1:5432, trust auth) in a fresh database; skipped, saying
so, when there is none."""

from __future__ import annotations

import re

import httpx
import pytest
from postgres import fresh_database
from web_server import running_server

from inspector_app.central import admin, staff
from inspector_app.central.store import open_central

PASSWORD = "两台服务器同一个数据库"


@pytest.fixture
def pg_url():
    with fresh_database("fsi_desk") as url:
        yield url


def sign_in(client: httpx.Client, password: str) -> httpx.Response:
    form = client.get("/desk/signin").text
    token = re.search(r'name="signin_token" value="([^"]+)"', form).group(1)
    return client.post("/desk/signin", data={"username": "wang", "password": password, "signin_token": token})


def test_two_servers_on_one_postgres_share_sessions_and_lockout(tmp_path, pg_url):
    admin.init_central(tmp_path, pg_url, name="蓟州区")
    central = open_central(tmp_path, pg_url)
    try:
        staff.create(central, username="wang", display_name="王芳", role=staff.ADMIN, password=PASSWORD)
    finally:
        central.close()
    with running_server(tmp_path, db=pg_url) as one, running_server(tmp_path, db=pg_url) as two, \
            httpx.Client(base_url=one) as a, httpx.Client(base_url=two) as b:
        assert sign_in(a, PASSWORD).status_code == 303
        token = a.cookies["desk_session"]
        b.cookies.set("desk_session", token, domain="127.0.0.1", path="/desk")
        overview = b.get("/desk/")
        assert overview.status_code == 200 and "王芳" in overview.text
        csrf = re.search(r'name="csrf" value="([^"]+)"', overview.text).group(1)
        assert b.post("/desk/signout", data={"csrf": csrf}).status_code == 303
        assert a.get("/desk/").status_code == 303  # signed out through the other server: back to the sign-in page
        for n in range(5):
            refused = sign_in(a if n % 2 else b, "wrong password")
            assert refused.status_code in (401, 423)
        assert "账号已锁定" in refused.text
        locked = sign_in(a, PASSWORD)
        assert locked.status_code == 423 and "账号已锁定" in locked.text
    central = open_central(tmp_path, pg_url)
    try:
        assert [row["ok"] for row in staff.attempts(central, "wang")] == [False] * 6 + [True]
    finally:
        central.close()
