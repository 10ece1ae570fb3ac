"""Why a bundle was refused or held (the reason codes of core/sync/errors.py), for laptops, clerks and central.

Neutral about who reads it: the same sentence appears on a laptop, in the
clerk's relay and in the district's import receipt.
"""

from ..codes import Text

MESSAGES = {
    "bundle.empty": Text("文件是空的。", "The file is empty."),
    "bundle.too_large": Text("文件超过同步包允许的大小。", "The file is larger than a bundle may be."),
    "bundle.malformed": Text("文件不是同步包，或已损坏。", "The file is not a sync bundle, or it is damaged."),
    "bundle.truncated": Text("文件不完整：U盘被拔出或复制失败。请重新复制该同步包。",
                             "The file is cut short: the drive was pulled out or the copy failed. "
                             "Copy the bundle again."),
    "bundle.unsafe_zip": Text("文件中含有不安全的条目，已拒收。",
                               "The file contains an unsafe entry and was refused."),
    "bundle.zip_bomb": Text("文件解开后会超出限制，已拒收。",
                             "The file would expand beyond the limits and was refused."),
    "bundle.format_newer": Text("同步包由更新版本的程序生成：请升级本程序。文件已保留，升级后再读取。",
                                "The bundle was made by a newer version of this program: update the app. "
                                "The file is kept and will be read after the update."),
    "bundle.signature": Text("签名验证失败：文件在传递中被改动或损坏。请发送方重新发送。",
                             "A signature does not verify: the file was changed or damaged on the way. "
                             "Ask the sender to send it again."),
    "bundle.payload_hash": Text("内容与签名不符：文件被改动或损坏。请发送方重新发送。",
                                "The contents do not match their signature: the file was changed or damaged. "
                                "Ask the sender to send it again."),
    "bundle.manifest": Text("同步包内的文件与签名清单不符。",
                             "A file inside the bundle does not match its signed list."),
    "bundle.decrypt": Text("本机的密钥无法打开该同步包。", "The bundle cannot be opened with this machine's keys."),
    "bundle.untrusted_sender": Text("发送方未在本区注册。", "The sender is not enrolled with this district."),
    "bundle.unknown_device": Text("区局没有这台笔记本的记录。", "The laptop is not known to the district."),
    "bundle.revoked": Text("这台笔记本已被区局注销。", "The laptop was revoked by the district."),
    "bundle.wrong_recipient": Text("该同步包属于另一台设备：请交给对应的设备。",
                                   "The bundle is addressed to another machine: give it to the right one."),
    "bundle.wrong_kind": Text("同步包的种类不适用于此操作（例如把笔记本导出的文件当作区局的回复导入）。",
                              "The bundle is of the wrong kind for this command (for example a laptop's "
                              "export imported as the district's reply)."),
    "bundle.device_mismatch": Text("某条变更的设备与签名设备不一致。",
                                   "A change names another laptop than the one that signed it."),
    "bundle.op_mismatch": Text("某条变更与已收到的同编号变更不一致。",
                               "A change differs from the one already received under the same number."),
    "bundle.replay": Text("该同步包比已应用的数据旧。", "The bundle is older than what was already applied."),
    "bundle.epoch": Text("该同步包属于区局旧版本的数据。",
                          "The bundle belongs to an older state of the district's data."),
    "bundle.ack_forgery": Text("同步包中的确认信息与本机不符。",
                               "The acknowledgement in the bundle is impossible for this laptop."),
    "bundle.key_mismatch": Text("笔记本使用了未登记的密钥签名。",
                                "The laptop signed with a key other than its registered one."),
    "bundle.key_retired": Text("该笔记本使用了已被替换的密钥签名：其旧密钥的副本可能正在别处使用。",
                               "The laptop signed with a key it had replaced: a copy of its old keys may be in "
                               "use elsewhere."),
    "bundle.grant_used": Text("该注册文件已被另一台笔记本使用。",
                               "The enrolment file was already used by another laptop."),
    "bundle.record_mismatch": Text("一份已定稿的检查记录与其自身的检查结果和判定规则不符，"
                                   "区局未接收，已报警待人工审核。",
                                   "A finalized record does not match what its own answers and the rules give: "
                                   "the district did not accept it and raised an alarm for review."),
    "bundle.invalid_op": Text("同步包中有格式错误的变更。", "A change in the bundle is malformed."),
    "bundle.gap": Text("缺少更早的同步包；本包已保留，缺失的到达后自动应用。",
                       "An earlier bundle is missing; this one is kept and applied once the missing one arrives."),
}
