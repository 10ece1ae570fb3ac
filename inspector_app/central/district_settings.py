"""The district's own settings: the verification address printed in notices' QR codes, the bureau's name,
and the 复议机关 and court an order's 复议/诉讼 notice names.

They belong to the district, not to a laptop: `inspector central settings`
changes them here, enrolment files and every downward bundle carry the
verification address, the 复议机关 and the court, signed, to the laptops (docs/sync-protocol.md §9.5),
and the public verification page names the bureau. A setting never set reads
as the laptops' old default, so a district that never chose one keeps
printing what it printed before.
"""

from __future__ import annotations

from sqlalchemy import select

from ..core import limits
from ..core.errors import ValidationError
from ..core.notices import address
from ..core.settings import BY_NAME, http_address
from . import models as m
from .store import Central, now

DEFAULTS = {"verify_url": str(BY_NAME["verify_base_url"].default), "bureau_name": str(BY_NAME["bureau_name"].default),
            "review_body": str(BY_NAME["review_body"].default), "court": str(BY_NAME["court"].default)}
CARRIED = ("verify_url", *address.NAMED)  # what laptops print, so bundles carry it (docs/sync-protocol.md §9.5)
URL_MAX = 80
# The longest token (a 161-byte record: 30-byte name, 20-byte licence) is 258 base32 characters; behind the
# address it must still fit the version-10 code the notices are laid out for (README "Notices": 3 printer
# dots a module on the 80 mm roll). About 32 characters of address do.
LONGEST_TOKEN = "A" * 258
QR_VERSION = 10
_PROBE = "AAAA"


def read(connection) -> dict[str, str]:
    """Every district setting: the stored value, else its default."""
    given = stored(connection)
    return {name: given.get(name, default) for name, default in DEFAULTS.items()}


def stored(connection) -> dict[str, str]:
    """Only the settings the district set (laptops keep their own address until it sets one)."""
    return dict(connection.execute(select(m.district_setting.c.name, m.district_setting.c.value)).all())


def carried(connection) -> dict[str, str]:
    """The settings the district set that laptops print (for the enrolment file and downward headers)."""
    given = stored(connection)
    return {name: given[name] for name in CARRIED if name in given}


def load(central: Central) -> dict[str, str]:
    with central.engine.connect() as connection:
        return read(connection)


def check_verify_url(url: str) -> str:
    """A verification address laptops can print and check: http(s), a host, no user, query or fragment."""
    checked = http_address(url or "")
    if (checked is None or len(checked) > URL_MAX
            or not address.is_own(address.verify_url(checked, _PROBE), _PROBE, checked)):
        raise ValidationError("central.bad_verify_url", field="verify_url", url=(url or "").strip()[:200])
    url = checked
    from ..core.notices import qr  # qrcode and PIL: only when the address changes, not in the web workers
    version, _modules = qr.version_of(address.verify_url(url, LONGEST_TOKEN))
    if version > QR_VERSION:
        raise ValidationError("central.verify_url_too_long", field="verify_url", url=url, length=len(url),
                              version=version)
    return url


def change(central: Central, **values: str) -> dict[str, str]:
    """Set district settings (verify_url is checked); returns them all. Laptops get the address with
    their next downward bundle."""
    unknown = set(values) - set(DEFAULTS)
    if unknown:
        raise ValidationError("settings.unknown", field=sorted(unknown)[0], names=", ".join(sorted(unknown)))
    if "verify_url" in values:
        values["verify_url"] = check_verify_url(values["verify_url"])
    if "bureau_name" in values:
        values["bureau_name"] = (values["bureau_name"] or "").strip()
        if not values["bureau_name"]:
            raise ValidationError("central.bureau_name_required", field="bureau_name")
    for name in address.NAMED:  # printed on every order: a plain line the laptops accept as it is
        if name in values:
            values[name] = (values[name] or "").strip()
            if not address.check_district({name: values[name]}):
                raise ValidationError("central.bad_redress_name", field=name, value=limits.shown(values[name], 80),
                                      limit=address.DISTRICT_NAME_MAX)
    table = m.district_setting
    with central.tx(lock="district_setting") as c:
        for name, value in values.items():
            changed = c.execute(table.update().where(table.c.name == name).values(value=value, updated_at=now()))
            if changed.rowcount == 0:
                c.execute(table.insert().values(name=name, value=value, updated_at=now()))
        return read(c)
