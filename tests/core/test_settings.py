"""Settings are data: defaults, validation, and a bad file never blocks the app."""

import pytest

from inspector_app.core import settings
from inspector_app.core.errors import ValidationError


def test_defaults_without_a_file(tmp_path):
    assert settings.load(tmp_path)["language"] == "zh_CN"


def test_saved_values_come_back_and_are_validated(tmp_path):
    settings.save(tmp_path, {"paper": "80mm", "idle_lock_minutes": "5"})
    values = settings.load(tmp_path)
    assert values["paper"] == "80mm" and values["idle_lock_minutes"] == 5
    with pytest.raises(ValidationError, match="one of a4, 80mm"):
        settings.save(tmp_path, {"paper": "letter"})
    assert settings.load(tmp_path)["paper"] == "80mm"


def test_a_corrupt_file_falls_back_to_defaults(tmp_path):
    (tmp_path / settings.FILE_NAME).write_text("{not json", encoding="utf-8")
    assert settings.load(tmp_path)["paper"] == "a4"


def test_every_setting_is_documented_in_both_languages():
    for setting in settings.SETTINGS:
        assert setting.help_zh and setting.help_en
        assert isinstance(setting.default, setting.type)


def test_the_district_sync_address_is_empty_or_an_http_address(tmp_path):
    assert settings.load(tmp_path)["sync_url"] == ""
    assert settings.save(tmp_path, {"sync_url": " https://jz.example.gov.cn/sync/ "})["sync_url"] == \
        "https://jz.example.gov.cn/sync"
    for bad in ("10.1.2.3:8080", "ftp://10.1.2.3", "http://", "http://a:99999", "http://user:pw@host",
                "http://host/?next=1"):
        with pytest.raises(ValidationError) as raised:
            settings.save(tmp_path, {"sync_url": bad})
        assert raised.value.code == "settings.not_a_url" and raised.value.field == "sync_url"
    assert settings.load(tmp_path)["sync_url"] == "https://jz.example.gov.cn/sync"
    assert settings.save(tmp_path, {"sync_url": ""})["sync_url"] == ""  # back to USB drives only
