"""The data folder and the database: missing, unusable, full."""

from ..codes import Text

MESSAGES = {
    "store.missing": Text("{folder} 中没有数据库；请先运行 `inspector init`（或 `inspector demo`）",
                          "no store in {folder}; run `inspector init` (or `inspector demo`) first"),
}
