"""The user's settings (settings.json): a value of the wrong type, outside its choices, or not an address."""

from ..codes import Text

MESSAGES = {
    "settings.wrong_type": Text("设置项 {name} 的值应为 {type} 类型", "setting {name} must be a {type}"),
    "settings.not_a_choice": Text("设置项 {name} 只能是以下之一：{allowed}", "setting {name} must be one of {allowed}"),
    "settings.not_a_url": Text("设置项 {name} 应为以 http:// 或 https:// 开头的网址，如 http://10.1.2.3:8080"
                               "（不能是“{value}”）",
                               "setting {name} must be an address starting with http:// or https://, e.g. "
                               "http://10.1.2.3:8080 (not “{value}”)"),
    "settings.unknown": Text("没有这些设置项：{names}", "unknown settings: {names}"),
    "settings.district_owned": Text("核验网址由区局设定，随注册文件和每次同步下发，本机不能修改",
                                    "the district sets the verification address; it comes with enrolment and "
                                    "every sync and cannot be changed on this laptop"),
    "settings.district_not_told": Text("核验网址由区局设定；本机还没有收到区局的核验网址，暂时沿用以前的设置",
                                       "the district sets the verification address; this laptop has not received "
                                       "one yet and keeps using its earlier setting"),
}
