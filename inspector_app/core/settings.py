"""User settings as data: each setting has a name, default, type and help text.

Stored as JSON in the data folder (settings.json). The desktop settings
dialog is generated from SETTINGS, and a test checks each one is documented.
The desktop app loads them before its first window shows, hence a plain
class (a dataclass or NamedTuple costs that window a millisecond or more).
"""

from __future__ import annotations

import contextlib
import json
import os
import tempfile
from pathlib import Path
from typing import Any

from .errors import ValidationError


class Setting:
    """One setting: its name, default, type, help in both languages, and the allowed values if closed."""

    __slots__ = ("name", "default", "type", "help_zh", "help_en", "choices")

    def __init__(self, name: str, default: Any, type: type, help_zh: str, help_en: str,  # noqa: A002
                 choices: tuple = ()):
        self.name, self.default, self.type = name, default, type
        self.help_zh, self.help_en, self.choices = help_zh, help_en, choices

    def __repr__(self) -> str:
        return f"Setting({self.name!r})"


SETTINGS: tuple[Setting, ...] = (
    Setting("language", "zh_CN", str, "界面语言", "Interface language", ("zh_CN", "en")),
    Setting("paper", "a4", str, "默认纸张：A4 或 80 毫米热敏纸", "Default paper: A4 or 80 mm thermal roll",
            ("a4", "80mm")),
    Setting("verify_base_url", "https://jz.example.gov.cn", str, "执法文书二维码的核验网址",
            "Base URL of the verification link in notice QR codes"),
    Setting("bureau_name", "天津市蓟州区市场监督管理局", str, "出具文书的机关名称",
            "Name of the issuing bureau printed on notices"),
    # The 复议/诉讼 notice of an order names these; the district sets them (docs/sync-protocol.md §9.5).
    Setting("review_body", "天津市蓟州区人民政府", str, "行政复议机关（区局设定）",
            "Administrative review body named on orders (set by the district)"),
    Setting("court", "天津市蓟州区人民法院", str, "行政诉讼的人民法院（区局设定）",
            "Court named on orders for administrative litigation (set by the district)"),
    Setting("unit_phone", "", str, "联系电话（所在单位，印在责令改正通知书上）",
            "Unit phone printed as the contact on orders"),
    Setting("idle_lock_minutes", 10, int, "无操作多少分钟后锁定", "Lock after this many idle minutes"),
    Setting("large_text", False, bool, "大字模式", "Large-text mode"),
    # The laptop may reach the district by different networks, so the user sets it (docs/sync-protocol.md).
    Setting("sync_url", "", str, "区局同步服务网址（留空则只用U盘）", "District sync address (empty: USB only)"),
    # Enrolled laptops number from the district's blocks; this marks numbers of a laptop never enrolled.
    Setting("local_number_prefix", "本机未登记", str, "未登记本机的文号前缀（登记后用区局分配的文号）",
            "Number prefix of a laptop not enrolled (enrolled laptops use the district's numbers)"),
)
BY_NAME = {s.name: s for s in SETTINGS}
FILE_NAME = "settings.json"


def _coerce(setting: Setting, value):
    if setting.type is bool and isinstance(value, str):
        value = value.strip().lower() in ("1", "true", "yes", "on")
    try:
        value = setting.type(value)
    except (TypeError, ValueError, OverflowError):  # OverflowError: int(1e400)
        raise ValidationError("settings.wrong_type", field=setting.name, name=setting.name,
                              type=setting.type.__name__) from None
    if setting.choices and value not in setting.choices:
        raise ValidationError("settings.not_a_choice", field=setting.name, name=setting.name,
                              allowed=", ".join(setting.choices))
    if setting.name == "sync_url":
        value = _service_url(setting, value)
    if setting.name == "local_number_prefix" and value != setting.default:
        from .notices.numbering import PREFIX_MAX, check_prefix  # only when changed: not before the first window
        try:
            value = check_prefix(value.strip())
        except ValidationError:
            raise ValidationError("numbering.bad_prefix", field=setting.name, prefix=value[:40],
                                  max=PREFIX_MAX) from None
    return value


def _service_url(setting: Setting, value: str) -> str:
    """Empty, or http(s)://host[:port][/path] without query or credentials; a trailing / is dropped."""
    value = value.strip()
    if not value:
        return ""
    address = http_address(value)
    if address is None:
        raise ValidationError("settings.not_a_url", field=setting.name, name=setting.name, value=value[:200])
    return address


def http_address(value: str) -> str | None:
    """`value` as a service address (http(s)://host[:port][/path], no credentials, query or fragment, no
    trailing /), or None when it is not one. The laptop's sync address and the district's verification
    address are both checked here."""
    from urllib.parse import urlsplit  # only when one is set: the app reads settings before its first window
    value = value.strip()
    try:
        parts = urlsplit(value)
        port_ok = parts.port is None or parts.port > 0
    except ValueError:
        return None
    if (not port_ok or parts.scheme not in ("http", "https") or not parts.hostname
            or parts.username or parts.password or parts.query or parts.fragment):
        return None
    return value.rstrip("/")


def load(data_dir: Path) -> dict[str, Any]:
    """Every setting, from the file where present and valid, else its default.

    A file nobody can use (not JSON, a key twice, nested deep: core/jsonfiles.py) gives the defaults."""
    from . import jsonfiles
    values = {s.name: s.default for s in SETTINGS}
    path = Path(data_dir) / FILE_NAME
    try:
        jsonfiles.check_size(path)
        stored = jsonfiles.loads(path.read_text(encoding="utf-8"), path=str(path))
    except (OSError, ValueError, ValidationError):
        return values
    for name, value in (stored.items() if isinstance(stored, dict) else ()):
        if name in BY_NAME:
            with contextlib.suppress(ValidationError):  # a hand-edited bad value falls back to the default
                values[name] = _coerce(BY_NAME[name], value)
    return values


def save(data_dir: Path, changes: dict[str, Any]) -> dict[str, Any]:
    """Validate and write changed settings atomically; returns all settings."""
    unknown = set(changes) - set(BY_NAME)
    if unknown:
        raise ValidationError("settings.unknown", field=sorted(unknown)[0], names=", ".join(sorted(unknown)))
    values = load(data_dir)
    values.update({name: _coerce(BY_NAME[name], value) for name, value in changes.items()})
    Path(data_dir).mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=data_dir, prefix=".settings-")
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        json.dump(values, handle, ensure_ascii=False, indent=2)
    os.replace(tmp, Path(data_dir) / FILE_NAME)
    return values
