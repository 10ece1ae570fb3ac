"""The register of establishments: names, categories, phones, licences already taken."""

from ..codes import Text

MESSAGES = {
    "register.name_required": Text("请填写经营主体名称", "the establishment's name is required"),
    "register.unknown_category": Text("没有“{category}”这个类别；请从以下类别中选择：{allowed}",
                                      "unknown category '{category}'; use one of {allowed}"),
    "register.bad_phone": Text("“{phone}”不像是电话号码；请检查后重新输入",
                               "'{phone}' does not look like a phone number"),
    "register.bad_risk_grade": Text("风险等级只能是 A、B、C 或 D", "risk grade must be A, B, C or D"),
    "register.bad_status": Text("经营状态只能是以下之一：{allowed}", "status must be one of {allowed}"),
    "register.licence_taken": Text("许可证 {licence} 已登记在“{name}”（{other_id}）名下；请核对许可证号，"
                                   "或打开已登记的那条记录",
                                   "licence {licence} is registered already to {name} ({other_id})"),
    "register.unknown_fields": Text("无法识别的字段：{names}", "unknown fields: {names}"),
    "register.no_establishment": Text("没有编号为 {id} 的经营主体；请检查编号，或先搜索经营主体",
                                      "no establishment with id {id}"),
    "register.bad_limit": Text("--limit 至少为 1", "--limit must be at least 1"),
}
