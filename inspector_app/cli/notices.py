"""`inspector notice` and `inspector verify`: printed notices and their QR codes.

core.notices loads ReportLab and the font on first use only, so these
commands cost the other commands nothing.
"""

from __future__ import annotations

import sys
from urllib.parse import urlsplit

from ..core.notices import KINDS, PAPERS
from .common import EXIT_ERROR, EXIT_OK, data_paths, emit, open_store, quick_read, say


def cmd_notice(args) -> int:
    from ..core import notices, settings
    from ..core.notices import sealing
    paths = data_paths(args)
    config = settings.load(paths.data_dir)
    things = sealing.load(args.sealing) if args.sealing else None  # checked before the store opens
    written = None
    try:
        with open_store(args).write() as session:  # render inside: a failed render issues nothing
            if things is not None:
                sealing.record(session, inspection_id=args.inspection_id, data=things)
            content = notices.issue(session, paths=paths, settings=config, inspection_id=args.inspection_id,
                                    kind=args.kind, paper=args.paper, purpose="pdf")
            path = written = notices.render_to(content, args.out)
    except BaseException:
        if written is not None:  # the commit failed (a full disk): no PDF of a notice that was not issued
            written.unlink(missing_ok=True)
        raise
    data = {"notice_id": content.notice_id, "inspection_id": content.inspection_id, "kind": content.kind,
            "paper": content.paper, "path": str(path.resolve()), "copy": content.copy,
            "number": content.number, "verify_url": content.verify_url}
    title = notices.KIND_TITLES[content.kind]
    emit(args, data, "\n".join([f"{path}: {title} ({content.paper}){' — 副本 copy' if content.copy else ''}",
                                f"  number: {content.number}", f"  verify: {content.verify_url}"]))
    return EXIT_OK


def cmd_verify(args) -> int:
    """Exit 0 only for a genuine token given bare, or behind the district's own address; a genuine token
    behind someone else's address is still `valid` (the token is), but exits 1 with a warning."""
    from ..core import settings
    from ..core.notices.address import own_base
    from ..core.notices.verify import verify_input
    laptop = settings.load(data_paths(args).data_dir)

    def full():
        with open_store(args).session() as session:
            return verify_input(session, args.input, own_base=own_base(laptop, session))

    verdict = quick_read(args, lambda connection: verify_input(connection, args.input,
                                                               own_base=own_base(laptop, connection)), full)
    emit(args, verdict.to_dict(), verdict.text())
    if not verdict.valid:
        if not args.json:
            print(f"inspector: {say('cli.notice_invalid', reason=verdict.message)}", file=sys.stderr)
        return EXIT_ERROR
    if verdict.foreign_address:
        if not args.json:
            host = urlsplit(verdict.address["given"]).netloc or verdict.address["given"]
            print(f"inspector: {say('verify.foreign_address')} ({host})", file=sys.stderr)
        return EXIT_ERROR
    return EXIT_OK


def register(sub, command) -> None:
    p = command("notice", cmd_notice, help="print a notice of a finalized inspection to PDF "
                                            "(the first print is the original, later ones are marked 副本)")
    p.add_argument("inspection_id")
    p.add_argument("--kind", required=True, choices=KINDS,
                   help="result = 结果记录表, record = 现场检查笔录, order = 责令改正通知书, "
                        "coercive = 实施行政强制措施决定书 with its 清单 (a stop with a sealing list)")
    p.add_argument("--sealing", metavar="FILE", help="what the bureau sealed or seized on a stop, recorded with "
                   'the inspection before the decision prints: {"days": 1-30, "things": [{"kind": '
                   'place|facility|goods, "name", "measure": seal|seize, "spec", "quantity"}]}')
    p.add_argument("--paper", choices=PAPERS, help="a4 or 80mm (default: the paper setting)")
    p.add_argument("--out", required=True, help="the PDF file to write")
    p = command("verify", cmd_verify, help="check a notice's QR code: a token, a verification URL, "
                                            "a notice PDF or a photo/scan (PNG, JPEG)")
    p.add_argument("input")
