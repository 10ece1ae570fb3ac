"""Printed notices (结果记录表, 现场检查笔录, 责令改正通知书) and reading their QR codes back."""

from ..codes import Text

MESSAGES = {
    "notices.not_finalized": Text("只有已完成的检查才能打印文书；请先完成检查并签字",
                                  "notices are printed for finalized inspections only; finish and sign the "
                                  "inspection first"),
    "notices.no_order": Text("这次检查没有责令改正通知书（没有需要整改的项目）；请改为打印结果记录表",
                             "this inspection has no rectification order (nothing had to be corrected); print "
                             "the result record instead"),
    "notices.unknown_kind": Text("没有 {kind} 这种文书；请使用：{allowed}",
                                 "unknown notice kind {kind}; use {allowed}"),
    "notices.unknown_paper": Text("没有 {paper} 这种纸张；请使用：{allowed}", "unknown paper {paper}; use {allowed}"),
    "notices.bad_purpose": Text("用途只能是以下之一：{allowed}", "purpose must be one of {allowed}"),
    "notices.font_missing": Text("文书字体 {path} 缺失或已损坏（{detail}）；请重新安装本程序",
                                 "the notice font {path} is missing or damaged ({detail}); reinstall the app"),
    "notices.cannot_create": Text("无法写入 {path}：{detail}；请换一个文件夹",
                                  "cannot write {path}: {detail}; choose another folder"),
    "notices.cannot_write": Text("无法写入 {path}：{detail}；如果 PDF 阅读器正打开着它，请先关闭，或换一个文件名",
                                 "cannot write {path}: {detail}; close it if a PDF viewer has it open, or choose "
                                 "another file"),
    "notices.no_zxing": Text("从文件读取二维码需要 zxing-cpp 软件包；请安装（pip install zxing-cpp），"
                             "或直接提供令牌或网址",
                             "reading QR codes from files needs the zxing-cpp package; install it (pip install "
                             "zxing-cpp) or give the token or URL instead"),
    "notices.no_pdfium": Text("读取文书 PDF 需要 pypdfium2 软件包；请安装，或改为提供 PNG 图片、网址或令牌",
                              "reading notice PDFs needs the pypdfium2 package; install it or give a PNG, the URL "
                              "or the token instead"),
    "notices.unreadable_input": Text("无法读取 {path}：{detail}；请检查文件", "cannot read {path}: {detail}"),
    "notices.not_pdf_or_image": Text("{file} 既不是 PDF 也不是图片（{detail}）；请提供文书 PDF、二维码的照片或扫描件、"
                                     "核验网址或令牌",
                                     "{file} is neither a PDF nor an image ({detail}); give a notice PDF, a photo or "
                                     "scan of the QR code, the URL or the token"),
    "notices.bad_pdf": Text("{file} 不是可读取的 PDF（{detail}）", "{file} is not a readable PDF ({detail})"),
    "verify.empty_input": Text("没有可核验的内容：请提供核验码、核验网址、执法文书 PDF 或图片",
                               "empty input: give a token, a verification URL, a PDF or an image"),
    "verify.malformed": Text("核验码格式不对（抄错或不完整）", "malformed token"),
    "verify.unsupported_version": Text("核验码的版本 {version} 本程序不认识；请升级本程序",
                                       "unsupported token version {version}"),
    "verify.truncated": Text("核验码不完整", "token is truncated"),
    "verify.unknown_signer": Text("签发者不明：本机不认识签发这份执法文书的密钥", "unknown signer"),
    "verify.revoked": Text("签发密钥 {key} 已于 {date} 注销", "signer key {key} was revoked on {date}"),
    "verify.bad_signature": Text("签名不符：执法文书内容被改动或伪造", "signature does not match"),
    "verify.no_qr": Text("在 {file} 中没有找到二维码", "no QR code found in {file}"),
    "verify.foreign_address": Text("真实的核验码，但网址不是本区的核验网址，可能是仿冒网站",
                                   "a genuine token, but the address is not the district's verification address: "
                                   "possibly a fake site"),
    "sealing.not_stopped": Text("只有结果处理为立即停止食品生产经营活动的检查才能实施查封、扣押",
                                "only an inspection that stopped operations can seal or seize"),
    "sealing.bad_list": Text("查封扣押清单应为一个对象：{{\"days\": 天数, \"things\": [...]}}（{detail}）",
                             "the sealing list must be an object {{\"days\": N, \"things\": [...]}} ({detail})"),
    "sealing.bad_days": Text("查封、扣押的期限应为 1 至 {limit} 日（《中华人民共和国行政强制法》第二十五条），"
                             "不能是 {days}",
                             "the period must be 1 to {limit} days (Administrative Coercion Law Art. 25), not {days}"),
    "sealing.no_things": Text("查封扣押清单至少列一项、至多 {limit} 项", "list 1 to {limit} sealed or seized things"),
    "sealing.bad_kind": Text("清单第 {item} 项的类别应为场所、设施或财物（{allowed}）",
                             "thing {item}: the kind must be one of {allowed}"),
    "sealing.bad_measure": Text("清单第 {item} 项：场所、设施只能查封，财物可以查封或扣押（{allowed}）",
                                "thing {item}: the measure must be one of {allowed} (places and facilities are "
                                "sealed, never seized)"),
    "sealing.name_required": Text("清单第 {item} 项缺少名称", "thing {item} has no name"),
    "sealing.already_issued": Text("实施行政强制措施决定书已出具，清单不能再改", "the decision was issued: its list "
                                   "cannot change"),
    "sealing.unreadable": Text("无法读取查封扣押清单 {path}：{detail}",
                               "cannot read the sealing list {path}: {detail}"),
    "sealing.missing": Text("这次检查没有查封扣押清单；请先记录查封、扣押的场所、设施、财物",
                            "this inspection has no sealing list; record what was sealed or seized first"),
}
