"""The command line's own refusals, and the fixed sentences of its text output (cli/common.py say()).

--json output carries data and codes only; these sentences are for people reading a terminal.
"""

from ..codes import Text

MESSAGES = {
    "cli.no_display": Text("这里没有可供桌面程序使用的显示器；请在桌面会话中运行，或使用 `inspector --help` 列出的命令",
                           "there is no display for the desktop app here; run it in a desktop session, "
                           "or use the commands listed by `inspector --help`"),
    "cli.no_desktop": Text("此版本不含桌面程序（{detail}）；请使用 `inspector --help` 列出的命令",
                           "the desktop app is not available in this build ({detail}); "
                           "use the commands listed by `inspector --help`"),
    "cli.no_password_on_stdin": Text("标准输入中没有密码；请提供密码，或去掉 --password-stdin",
                                     "no password on standard input; give one, or leave out --password-stdin"),
    "cli.store_ready": Text("数据库已就绪：{folder}（安装了 {count} 份检查表）。",
                            "Store ready in {folder} ({count} checklist(s) installed)."),
    "cli.demo_ready": Text("演示区已就绪（{folder}）：{counts}", "Demo district ready in {folder}: {counts}"),
    "cli.no_match": Text("（没有找到）", "(no match)"),
    "cli.password_prompt": Text("密码：", "Password: "),
    "cli.new_password_prompt": Text("新密码：", "New password: "),
    "cli.password_set": Text("已为 {name} 设置密码", "password set for {name}"),
    "cli.form_valid": Text("格式正确：{id} v{version}，共 {items} 项（其中关键项 {key_items} 项）",
                           "OK: {id} v{version}, {items} items ({key_items} key)"),
    "cli.notice_invalid": Text("这份文书无效：{reason}", "this notice is NOT valid: {reason}"),
    "cli.no_assignments": Text("没有任务", "no assignments"),
    "cli.assignment_accepted": Text("已接受任务；下次导出时区局会收到",
                                    "accepted; central hears of it with the next export"),
    "cli.assignment_declined": Text("已退回任务；下次导出时区局会收到",
                                    "declined; central hears of it with the next export"),
    "cli.assignment_created": Text("任务 {id}：{name}，期限 {due}；笔记本下次接收区局的同步包时会收到",
                                   "assignment {id}: {name} by {due}; it reaches the laptops with their next "
                                   "downward bundle"),
    "cli.assignment_cancelled": Text("任务 {id} 已取消", "assignment {id} cancelled"),
    "cli.request_written": Text("已写入 {file}；请交给区局", "wrote {file}; give it to the district"),
    "cli.enrolled": Text("已注册：{name}，属于 {central}（设备 {device}）",
                         "enrolled as {name} with {central} (device {device})"),
    "cli.exported": Text("{bundle}\n{ops} 条变更，序号 {seq_from}–{seq_to}，{blobs} 张照片；读回检查通过：可以拔下U盘",
                         "{bundle}\n{ops} change(s), seq {seq_from}–{seq_to}, {blobs} photo(s); read back OK: safe "
                         "to remove the stick"),
    "cli.export_more": Text("还有变更等待导出：区局确认后请再导出一次",
                            "more changes wait: export again after central's acknowledgement"),
    "cli.status_enrolled": Text("设备 {device}（{name}，{central}）", "device {device} ({name}, {central})"),
    "cli.status_not_enrolled": Text("设备 {device}（尚未注册：inspector enrol 文件）",
                                    "device {device} (not enrolled: inspector enrol FILE)"),
    "cli.status_counts": Text("待同步 {pending}，区局已确认到序号 {acked}（共 {max_seq}），被拒收 {rejected}\n"
                              "已应用区局数据到 usn {usn}，epoch {epoch}，暂存 {held}，警报 {alarms}",
                              "pending {pending}, acked through seq {acked} of {max_seq}, rejected {rejected}\n"
                              "central usn applied {usn}, epoch {epoch}, held {held}, alarms {alarms}"),
    "cli.keys_rotated": Text("新的签名密钥 {key}（原为 {old_key}）；旧密钥对序号 {seq} 及以前的变更仍然有效。"
                             "照常导出即可：下一个同步包会通知区局",
                             "new signing key {key} (was {old_key}); the old key stays valid for changes up to "
                             "seq {seq}. Export as usual: the next bundle tells central"),
    "cli.relay_summary": Text("完好 {intact} 个，重复 {duplicate} 个，损坏 {damaged} 个",
                              "{intact} intact, {duplicate} duplicate, {damaged} damaged"),
    "cli.nothing_to_deliver": Text("没有要投递的同步包", "nothing to deliver"),
    "cli.district_ready": Text("区局数据库已就绪（{central}）；根密钥 {key}",
                              "central store ready ({central}); root key {key}"),
    "cli.enrolment_written": Text("已写入 {file}：请交给笔记本（{name}）→ inspector enrol 文件",
                                  "wrote {file}: give it to the laptop ({name}) → inspector enrol FILE"),
    "cli.no_bundles": Text("没有同步包", "no bundles"),
    "cli.revoked": Text("已注销 {device}：序号 {seq} 之后的变更将被隔离，等待审核",
                        "revoked {device}: ops after seq {seq} will be quarantined for review"),
    "cli.conflict_resolved": Text("冲突 {id} 已由 {by} 处理", "conflict {id} resolved by {by}"),
    "cli.no_conflicts": Text("没有未处理的冲突", "no open conflicts"),
    "cli.nothing_held": Text("没有暂存的同步包", "nothing held"),
    "cli.reprocessed": Text("已应用 {applied} 条，拒收 {rejected} 条，隔离 {quarantined} 条，仍暂存 {held} 条"
                            "（本程序还不能理解这些变更）",
                            "{applied} applied, {rejected} refused, {quarantined} quarantined, {held} still held "
                            "(this program does not understand them yet)"),
    "cli.no_held_changes": Text("没有暂存的变更", "no held changes"),
    "cli.no_duplicates": Text("没有新发现的疑似重复", "no new likely duplicates"),
    "cli.merged": Text("{merged} 已并入 {kept}。笔记本在下次接收区局的同步包时跟进",
                       "{merged} merged into {kept}. Laptops follow with their next downward bundle"),
    "cli.merged_moved": Text("{merged} 已并入 {kept}；已转移 {moved}。笔记本在下次接收区局的同步包时跟进",
                             "{merged} merged into {kept}; moved {moved}. Laptops follow with their next downward "
                             "bundle"),
    "cli.no_laptops": Text("还没有笔记本", "no laptops yet"),
    "cli.holidays_district": Text("区局发布（正式）", "published by the district (official)"),
    "cli.holidays_package": Text("内置正式安排", "packaged official schedule"),
    "cli.holidays_estimate": Text("估算（尚无正式安排）", "estimate (no official schedule yet)"),
    "cli.holidays_counts": Text("放假 {holidays} 天，调休上班 {workdays} 天",
                                "{holidays} holidays, {workdays} makeup workdays"),
    "cli.holidays_published": Text("已发布 {year} 年放假安排（{source}）：放假 {holidays} 天，调休上班 {workdays} 天。"
                                   "笔记本在下次接收区局的同步包时收到",
                                   "published the {year} holiday schedule ({source}): {holidays} holidays, "
                                   "{workdays} makeup workdays. Laptops get it with their next downward bundle"),
    "cli.holidays_none": Text("区局还没有发布放假安排", "the district has published no holiday schedule yet"),
}
