"""The district's central store: its database, its keys, enrolled laptops, held bundles and conflicts."""

from ..codes import Text

MESSAGES = {
    "central.no_store": Text("{url} 处没有区局数据库；请先运行 `inspector central init`",
                             "no central store at {url}; run `inspector central init` first"),
    "central.cannot_open": Text("无法打开区局数据库 {url}：{detail}；请检查数据库地址（--db）和网络连接",
                                "cannot open the central store {url}: {detail}"),
    "central.busy": Text("区局数据库正忙；请稍后再试", "the central store is busy; try again in a moment"),
    "central.no_keys": Text("{folder} 中没有区局密钥；请先运行 `inspector central init`",
                            "no central keys in {folder}; run `inspector central init` first"),
    "central.keys_unreadable": Text("{folder} 中的区局密钥无法读取（{detail}）；请从备份恢复",
                                    "central keys in {folder} are unreadable ({detail}); restore them from the backup"),
    "central.cannot_rotate": Text("这里不能更换 {role} 密钥", "cannot rotate the {role} key here"),
    "central.checklist_changed": Text("检查表 {id} 已存在且内容不同；请作为新版本发布",
                                      "checklist {id} exists with other content; publish a new version"),
    "central.several_townships": Text("有多个乡镇与“{name}”相符；请填写全称或代码",
                                      "township '{name}' matches several; give the full name or code"),
    "central.no_township": Text("没有叫“{name}”的乡镇；请检查乡镇名称或代码", "no township called '{name}'"),
    "central.device_name_required": Text("请给这台笔记本起个名字（例如使用人的姓名）",
                                         "give the laptop a name (e.g. the inspector's name)"),
    "central.no_record": Text("区局没有 {entity} 记录 {id}", "no {entity} {id}"),
    "central.no_device": Text("没有已注册的笔记本 {device}；`inspector central devices` 可列出全部笔记本；"
                              "尚未同步的笔记本请按注册文件编号注销（--grant 编号）",
                              "no enrolled laptop {device}; a laptop that has not synced yet is revoked by its "
                              "enrolment (--grant SERIAL, listed by `inspector central devices`)"),
    "central.no_grant": Text("没有注册文件编号 {grant}；`inspector central devices` 可列出尚未同步的注册文件",
                             "no enrolment {grant}; `inspector central devices` lists those not synced yet"),
    "central.grant_revoked": Text("已注销注册文件 {grant}（{name}）：这台笔记本还没有同步过，它发来的同步包将被拒收",
                                  "revoked enrolment {grant} ({name}): the laptop never synced, and its bundles "
                                  "will be refused"),
    "central.pending_grants": Text("尚未同步的注册文件（可用 --grant 编号注销）：",
                                   "enrolments not synced yet (revoke with --grant SERIAL):"),
    "central.device_never_sent": Text("笔记本 {device} 还没有发来过同步包；区局导入它的第一个同步包后才会登记它",
                                      "no enrolled laptop {device} has sent a bundle yet; its first export "
                                      "registers it"),
    "central.device_revoked": Text("笔记本 {device} 已被注销；不再向它发送任何数据",
                                   "laptop {device} is revoked; nothing is sent to it any more"),
    "central.no_held_bundle": Text("没有暂存的同步包 {id}；`inspector central held` 可列出暂存的同步包",
                                   "no held bundle {id}"),
    "central.force_needs_by": Text("只有区管理员才能强制应用暂存的同步包：请加上 --by 姓名",
                                   "only a district administrator may force a held bundle: give --by NAME"),
    "central.reprocess_needs_by": Text("请写明由谁重新处理暂存的变更：请加上 --by 姓名",
                                       "say who re-processes the held changes: give --by NAME"),
    "central.resolver_required": Text("请写明由谁处理这个冲突（--by 姓名）",
                                      "say who resolves the conflict (--by NAME)"),
    "central.no_conflict": Text("没有编号为 {id} 的冲突；`inspector central conflicts` 可列出冲突",
                                "no conflict {id}"),
    "central.no_alert": Text("没有编号为 {id} 的警报", "no alert {id}"),
    "central.bad_verify_url": Text("核验网址 {url} 不可用：须以 https:// 或 http:// 开头、有主机名，"
                                   "不带用户名、“?”或“#”",
                                   "verification address {url} cannot be used: it must start with https:// or "
                                   "http://, name a host, and have no user name, '?' or '#'"),
    "central.verify_url_too_long": Text("核验网址 {url} 太长（{length} 个字符）：最长的核验码放在它后面，二维码"
                                        "要变成第 {version} 版，印在执法文书上扫不清；请用约 32 个字符以内的网址",
                                        "verification address {url} is too long ({length} characters): with the "
                                        "longest token behind it the QR code grows to version {version}, too "
                                        "dense for the notices; use an address of about 32 characters or less"),
    "central.bureau_name_required": Text("请填写出具文书的机关名称", "give the issuing bureau's name"),
    "central.bad_redress_name": Text("复议机关或人民法院名称须为一行文字，不超过{limit}个字符：{value}",
                                     "a review body or court name must be one line of at most {limit} "
                                     "characters: {value}"),
    "central.setting_default": Text("默认值，区局尚未设定；笔记本继续使用各自的设置",
                                    "the default, not set by the district; laptops keep their own"),
}
