"""Enrolling a laptop with the district: the enrolment file or its QR code, and what it pins."""

from ..codes import Text

MESSAGES = {
    "enrolment.qr_damaged": Text("注册二维码的内容已损坏；请重新扫描",
                                 "the enrolment QR text is damaged; scan it again"),
    "enrolment.not_a_file": Text("这不是注册文件：{detail}", "not an enrolment file: {detail}"),
    "enrolment.wrong_format": Text("这不是注册文件；请向区局索取新的注册文件",
                                   "not an enrolment file (ask the district for a new one)"),
    "enrolment.unreadable": Text("无法读取 {path}：{detail}；请检查文件路径", "cannot read {path}: {detail}"),
    "enrolment.no_qr": Text("在 {file} 中没有找到注册二维码；请把整个二维码拍平、拍清楚，或改用注册文件",
                            "no enrolment QR code found in {file}; photograph the whole code, flat and sharp, "
                            "or use the enrolment file"),
    "enrolment.does_not_verify": Text("注册文件验证失败（{detail}）；请向区局索取新的注册文件",
                                      "the enrolment file does not verify ({detail}); ask the district for a new one"),
    "enrolment.other_central": Text("本机已在另一个区注册；一台笔记本只能服务一个区",
                                    "this laptop is enrolled with another central already; a laptop serves one "
                                    "district"),
    "enrolment.other_laptop": Text("这份注册文件是为另一台笔记本制作的（{pinned} 不一致）；请使用发给本机的注册文件",
                                   "this enrolment file was made for another laptop ({pinned} differs)"),
    "enrolment.file_required": Text("请指定注册文件：inspector enrol 文件",
                                    "give the enrolment file: inspector enrol FILE"),
    "enrolment.bad_request": Text("{path} 不是注册申请文件（{detail}）；请用 `inspector enrol --request` 重新生成",
                                  "{path} is not an enrolment request ({detail})"),
}
