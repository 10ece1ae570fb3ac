"""Messages that belong to no one area: the command line's usage, unexpected input, cancelling."""

from ..codes import Text

MESSAGES = {
    "usage": Text("{detail}", "{detail}"),
    "cancelled": Text("已取消；没有任何改动。", "Cancelled; nothing was changed."),
    "general.bad_id": Text("“{value}”不是有效的编号（{field} id）；请检查后重新输入",
                           "'{value}' is not a valid {field} id"),
}
