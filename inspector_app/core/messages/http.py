"""Bundles over the network (docs/sync-protocol.md "Over HTTP"): the district service's refusals, the laptop's
`inspector sync --url` and the desktop's 立即同步 button."""

from ..codes import Text

MESSAGES = {
    # The service's answers to a laptop (central/web/api.py)
    "http.bad_bundle_id": Text("地址中的同步包编号无效（应为 32 位十六进制）",
                               "the bundle id in the address is not 32 hexadecimal digits"),
    "http.bundle_id_mismatch": Text("地址中的同步包编号 {url_id} 与同步包签名的编号 {signed_id} 不一致；什么也没有导入",
                                    "the address names bundle {url_id} but the bundle is signed as {signed_id}; "
                                    "nothing was imported"),
    "http.too_large": Text("上传的同步包超过 {limit} 字节的上限；请分批导出（inspector export --max-ops）",
                           "the upload is larger than the {limit}-byte limit; export in parts "
                           "(inspector export --max-ops)"),
    "http.incomplete": Text("上传在 {received} 字节处中断（应为 {expected} 字节）；请重新同步",
                            "the upload stopped after {received} of {expected} bytes; sync again"),
    "http.unsigned": Text("请求缺少设备签名（{header}）；请使用本程序同步", "the request is not signed by a laptop "
                          "(missing {header}); sync with this program"),
    "http.unknown_device": Text("区局没有本机的记录；请先上传一次（本机的第一个同步包会登记它）或重新注册",
                                "the district does not know this laptop; upload once (its first bundle registers "
                                "it) or enrol it again"),
    "http.device_revoked": Text("笔记本 {device} 已被区局注销，不能再通过网络同步；"
                                "如有未上交的数据，请把导出的U盘交到区局",
                                "laptop {device} was revoked by the district and may no longer sync over the "
                                "network; bring any exported stick to the district office"),
    "http.bad_signature": Text("请求的设备签名无效；请检查本机的密钥，或重新注册",
                               "the request's laptop signature does not verify; check this laptop's keys or enrol "
                               "it again"),
    "http.clock_skew": Text("本机时钟与区局相差 {seconds} 秒（允许 {limit} 秒）；请校准本机的日期和时间后再同步",
                            "this laptop's clock is {seconds} s away from the district's (at most {limit} s); "
                            "set the date and time, then sync again"),
    "http.replayed": Text("同一个请求已收到过（可能被截取后重放），已拒绝；请重新同步",
                          "this request was received before (a replay?) and is refused; sync again"),
    "http.not_a_bundle": Text("上传的内容不是完整的同步包；什么也没有导入，请重新同步",
                              "the upload is not a whole bundle; nothing was imported, sync again"),
    "http.bad_query": Text("请求参数 {name} 无效", "the request parameter {name} is invalid"),
    # The laptop's side (core/sync/http_sync.py)
    "http.bad_url": Text("区局的同步地址 {url} 无效；应形如 https://区局服务器/", "the district address {url} is not a "
                         "valid http(s) address"),
    "http.unreachable": Text("无法连接区局的服务器 {url}（{detail}）；请检查网络后重试，没有丢失任何数据",
                             "cannot reach the district's server {url} ({detail}); check the network and try again. "
                             "Nothing was lost"),
    "http.refused": Text("区局的服务器拒绝了请求（{status}）：{message}", "the district's server refused ({status}): "
                         "{message}"),
    "http.server_error": Text("区局的服务器出错（{status}）；请稍后重试，没有丢失任何数据",
                              "the district's server failed ({status}); try again later. Nothing was lost"),
    "http.download_refused": Text("从区局下载的同步包未能导入（{reason}）：{message}",
                                  "the bundle downloaded from the district was not imported ({reason}): {message}"),
    # `inspector sync` (cli/sync.py)
    "http.synced": Text("已上传 {uploaded} 个同步包，已接收 {downloaded} 个；尚有 {pending} 条变更待区局确认",
                        "uploaded {uploaded} bundles, received {downloaded}; {pending} changes await the district's "
                        "acknowledgement"),
    "http.sync_needs_url": Text("请给出区局的同步地址（inspector sync --url 地址），或 status、rotate-keys 之一",
                                "give the district's address (inspector sync --url URL), or one of status, "
                                "rotate-keys"),
}
