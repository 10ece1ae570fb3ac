"""The data folder and the database: missing, unusable, full."""

from ..codes import Text

MESSAGES = {
    "store.missing": Text("{folder} 中没有数据库；请先运行 `inspector init`（或 `inspector demo`）",
                          "no store in {folder}; run `inspector init` (or `inspector demo`) first"),
    "store.cannot_create_folder": Text("{path}：无法创建数据文件夹（{detail}）；请检查磁盘是否可写，或换一个文件夹",
                                       "{path}: cannot create the data folder ({detail})"),
    "store.unusable": Text("{path}：不是可用的检查数据库（{detail}）；请检查数据文件夹，或从备份恢复",
                           "{path}: not a usable inspector database ({detail}); check the data folder or restore "
                           "a backup"),
    "store.no_device_keys": Text("数据文件夹中没有本机密钥（{folder}）；请运行 `inspector init`",
                                 "this data folder has no device keys in {folder}; run `inspector init`"),
    "store.device_key_unreadable": Text("无法读取本机密钥 {path}（{detail}）；请从备份恢复数据文件夹中的 keys/，"
                                        "或重新注册本机",
                                        "cannot read the device key {path} ({detail}); restore the data folder's "
                                        "keys/ from a backup or re-enrol this laptop"),
    "store.not_empty_for_demo": Text("数据库中已有经营主体，演示数据只能装入空的数据库；请加上 --replace，"
                                     "或换一个 --data-dir",
                                     "this store has establishments already; a demo needs an empty store "
                                     "(use --replace or another --data-dir)"),
}
