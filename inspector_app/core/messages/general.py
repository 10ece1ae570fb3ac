"""Messages that belong to no one area: the command line's usage and unexpected input."""

from ..codes import Text

MESSAGES = {
    "usage": Text("{detail}", "{detail}"),
    "cancelled": Text("已取消；没有任何改动。", "Cancelled; nothing was changed."),
}
