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
}
