"""The laptop's side of sync: enrolment, export to a stick, import from the district."""

from ..codes import Text

MESSAGES = {
    "sync.not_enrolled": Text("本机尚未在区局注册；请先注册（inspector enrol 文件）",
                              "enrol this laptop first (inspector enrol FILE)"),
    "sync.readback_failed": Text("{folder} 上的副本读回时不完整（{detail}）；请换一个U盘重新导出",
                                 "the copy on {folder} did not read back intact ({detail}); "
                                 "use another stick and export again"),
    "sync.cannot_write": Text("无法写入 {folder}：{detail}；请检查U盘",
                              "cannot write to {folder}: {detail}; check the stick"),
    "sync.write_failed": Text("写入 {folder} 失败（{detail}）；没有丢失任何数据：区局确认之前，本机会保留每一条变更。"
                              "请重试",
                              "writing to {folder} failed ({detail}); nothing was lost: the laptop keeps every "
                              "change until central acknowledges it. Try again"),
}
