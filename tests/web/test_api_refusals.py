"""What the service refuses over HTTP, with which status and code, and that nothing is kept or applied and no
trace reaches the client: strangers, revoked laptops, garbage, a wrong bundle id, an oversized body,
unsigned, forged, skewed and replayed requests."""

import contextlib
import os
import time
from pathlib import Path

import httpx
import pytest
from sqlalchemy import func, select
from sync_world import make_laptop
from web_server import running_server

from inspector_app.central import admin as central_admin
from inspector_app.central import models as m
from inspector_app.central.store import open_central
from inspector_app.central.web.api import ENV_MAX_UPLOAD
from inspector_app.core import keys as device_keys
from inspector_app.core.sync import canonical, enrolment, http_auth, http_sync


def refused(response: httpx.Response, status: int, code: str) -> dict:
    assert response.status_code == status, (response.status_code, response.text)
    body = response.json()
    assert body["code"] == code and body["message"] and body["error"], body
    assert "Traceback" not in response.text and "File \"" not in response.text
    return body


def counts(world) -> tuple[int, int, int]:
    with world.central.engine.connect() as c:
        return (c.execute(select(func.count()).select_from(m.op)).scalar(),
                c.execute(select(func.count()).select_from(m.bundle)).scalar(),
                c.execute(select(func.count()).select_from(m.rejected_file)).scalar())


def leftovers(world) -> list[str]:
    folder = world.root / "central" / "central" / "incoming"
    return [p.name for p in folder.rglob("*") if p.is_file()] if folder.exists() else []


def signed_get(base, laptop, *, millis=None, key=None, device=None, query="acked=0&after_usn=0&epoch=0"):
    with laptop.store.session() as s:
        keys = device_keys.load_device_keys(s, laptop.paths.keys)
    device = device or keys.device_id
    path = f"/api/v1/devices/{device}/bundles"
    headers = http_auth.sign(key or keys.sign, device, "GET", path, query, millis)
    return httpx.get(f"{base}{path}?{query}", headers=headers), headers, f"{base}{path}?{query}"


def test_strangers_garbage_and_wrong_ids_are_refused_and_nothing_is_kept(world, tmp_path):
    a = world.laptop("a")
    a.add_establishment(name="正常餐馆")
    good = a.export(world.stick())
    body = Path(good["bundle"]).read_bytes()
    # a laptop enrolled with another district (another root key)
    other_dir = tmp_path / "other"
    central_admin.init_central(other_dir, name="别的区")
    other = open_central(other_dir)
    stranger = make_laptop(tmp_path, "stranger")
    with stranger.store.write() as s:
        doc = central_admin.issue_enrolment(other, device_name="stranger", township="渔阳镇")
        enrolment.enrol(s, stranger.paths.keys, canonical.dumps(doc))
    other.close()
    stranger.add_establishment(name="外区餐馆")
    foreign = stranger.export(tmp_path / "foreign")
    with running_server(world.root / "central") as base, httpx.Client() as client:
        put = f"{base}/api/v1/bundles/"
        refused(client.put(put + foreign["bundle_id"], content=Path(foreign["bundle"]).read_bytes()),
                403, "bundle.untrusted_sender")
        noise = refused(client.put(put + good["bundle_id"], content=os.urandom(5000)), 400, "http.not_a_bundle")
        assert "drive" not in noise["message"] and "nothing was imported" in noise["message"]  # no USB stick here
        refused(client.put(put + good["bundle_id"], content=b""), 400, "bundle.empty")
        refused(client.put(put + "0" * 32, content=body), 400, "http.bundle_id_mismatch")
        refused(client.put(put + "not-a-bundle-id", content=body), 400, "http.bad_bundle_id")
        # the laptop's language: Chinese on a Chinese desktop
        chinese = refused(client.put(put + "0" * 32, content=body, headers={"Accept-Language": "zh-CN"}),
                          400, "http.bundle_id_mismatch")
        assert "同步包编号" in chinese["message"] and "什么也没有导入" in chinese["message"]
        assert counts(world) == (0, 0, 0) and leftovers(world) == []
        assert client.put(put + good["bundle_id"], content=body).json()["status"] == "applied"
        # a stranger's signed GET: the district does not know the laptop
        response, _, _ = signed_get(base, stranger)
        refused(response, 401, "http.unknown_device")
        with stranger.store.session() as s:
            assert http_sync.last_contact(stranger.store) is None and s


def test_an_oversized_body_stops_at_the_cap(world, monkeypatch):
    a = world.laptop("a")
    a.add_establishment(name="大包餐馆")
    made = a.export(world.stick())
    monkeypatch.setenv(ENV_MAX_UPLOAD, "2000")
    sent = []

    def endless():
        for _ in range(10_000):  # 640 MB if the server kept reading
            sent.append(1)
            yield b"x" * 65536

    with running_server(world.root / "central") as base, httpx.Client() as client:
        url = f"{base}/api/v1/bundles/{made['bundle_id']}"
        body = refused(client.put(url, content=Path(made["bundle"]).read_bytes()), 413, "http.too_large")
        assert "2000" in body["message"]
        with contextlib.suppress(httpx.TransportError):  # the server may close before the client stops sending
            refused(client.put(url, content=endless()), 413, "http.too_large")
        assert len(sent) < 1_000, len(sent)  # the server closed the connection: the client stopped early
    assert counts(world) == (0, 0, 0) and leftovers(world) == []


def test_signed_requests_unknown_revoked_forged_skewed_and_replayed(world):
    a, b = world.laptop("a"), world.laptop("b")
    a.add_establishment(name="签名餐馆")
    with running_server(world.root / "central") as base:
        http_sync.sync_over_http(a.store, a.paths, base)
        http_sync.sync_over_http(b.store, b.paths, base)
        refused(httpx.get(f"{base}/api/v1/devices/{a.device_id}/bundles?acked=0&after_usn=0&epoch=0"),
                401, "http.unsigned")
        response, headers, url = signed_get(base, a)
        assert response.status_code == 200 and response.content[:2] == b"PK"
        refused(httpx.get(url, headers=headers), 401, "http.replayed")
        skewed, _, _ = signed_get(base, a, millis=int((time.time() - 600) * 1000))
        refused(skewed, 401, "http.clock_skew")
        with b.store.session() as s:
            b_key = device_keys.load_device_keys(s, b.paths.keys).sign
        refused(signed_get(base, a, key=b_key)[0], 401, "http.bad_signature")  # b signs in a's name
        refused(signed_get(base, a, query="acked=0&after_usn=x&epoch=0")[0], 400, "http.bad_query")
        # a query changed on the way no longer matches its signature
        _, headers, url = signed_get(base, a)
        refused(httpx.get(url.replace("after_usn=0", "after_usn=1"), headers=headers), 401, "http.bad_signature")
        central_admin.revoke(world.central, a.device_id)
        refused(signed_get(base, a)[0], 403, "http.device_revoked")
        a.add_establishment(name="注销后")
        made = a.export(world.stick())
        before = counts(world)
        refused(httpx.put(f"{base}/api/v1/bundles/{made['bundle_id']}", content=Path(made["bundle"]).read_bytes()),
                403, "http.device_revoked")
        assert counts(world) == before
        with pytest.raises(http_sync.ServerRefused) as caught:
            http_sync.sync_over_http(a.store, a.paths, base)
        assert caught.value.code == "http.refused" and caught.value.params["server_code"] == "http.device_revoked"
        assert caught.value.params["status"] == 403
