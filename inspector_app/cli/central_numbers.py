"""`inspector central numbers`: the bureau's document-number prefixes and the blocks granted to laptops."""

from __future__ import annotations

from ..core.errors import ValidationError
from .common import EXIT_OK, central_store, emit


def _prefixes(given: list[str] | None) -> dict[str, str]:
    out = {}
    for item in given or ():
        kind, sep, prefix = item.partition("=")
        if not sep or not kind.strip():
            raise ValidationError("numbering.bad_prefix_argument", field="prefix", given=item[:60])
        out[kind.strip()] = prefix.strip()
    return out


def cmd_central_numbers(args) -> int:
    """Change a prefix or the block size, or show them (with --list, every block and its laptop)."""
    from ..central import numbering
    changes = _prefixes(args.prefix)
    with central_store(args) as central:
        if changes or args.block_size is not None:
            numbering.change(central, prefixes_given=changes, size=args.block_size)
        listing = numbering.listing(central)
    if not args.list:
        listing.pop("blocks")
    lines = [f"{kind}: {prefix}〔年〕号" for kind, prefix in listing["prefixes"].items()]
    lines.append(f"block size: {listing['block_size']}")
    lines += [f"{b['kind']} {b['year']}  {b['first']}–{b['last']}  {b['prefix']}  "
              f"{b['device_name'] or '?'} {(b['device_id'] or b['grant_serial'])[:8]}"
              + ("  REVOKED" if b["revoked"] else "") for b in listing.get("blocks", ())]
    emit(args, listing, "\n".join(lines))
    return EXIT_OK


def register_central(central) -> None:
    """Called by the central group with its sub-command maker (which adds --db)."""
    p = central("numbers", cmd_central_numbers, help="document numbers (文号): the bureau's prefix per kind, the "
                                                     "block size, the blocks granted to laptops")
    p.add_argument("--prefix", action="append", metavar="KIND=TEXT",
                   help="the 机关代字 of a kind (order, result, record), e.g. order=津市监蓟责改; laptops print it "
                        "from their next downward bundle on")
    p.add_argument("--block-size", type=int, metavar="N", help="numbers per block granted to a laptop")
    p.add_argument("--list", action="store_true", help="also list every block granted and its laptop")
