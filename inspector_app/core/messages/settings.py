"""The user's settings (settings.json): a value of the wrong type or outside its choices."""

from ..codes import Text

MESSAGES = {
    "settings.wrong_type": Text("设置项 {name} 的值应为 {type} 类型", "setting {name} must be a {type}"),
    "settings.not_a_choice": Text("设置项 {name} 只能是以下之一：{allowed}", "setting {name} must be one of {allowed}"),
    "settings.unknown": Text("没有这些设置项：{names}", "unknown settings: {names}"),
}
