"""The district desk's figures: which period and grouping a progress table can have."""

from ..codes import Text

MESSAGES = {
    "figures.bad_period": Text("统计期间只能是 {allowed} 之一", "the period must be one of {allowed}"),
    "figures.bad_grouping": Text("只能按 {allowed} 之一统计", "group by one of {allowed}"),
}
