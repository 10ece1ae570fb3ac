"""The data folder and the database: missing, damaged, full, unreadable."""

from ..codes import Text

MESSAGES = {
    "store.missing": Text("{folder} 中没有数据库；请先运行 `inspector init`（或 `inspector demo`）",
                          "no store in {folder}; run `inspector init` (or `inspector demo`) first"),
    "store.cannot_create_folder": Text("{path}：无法创建数据文件夹（{detail}）；请检查磁盘是否可写，或换一个文件夹",
                                       "{path}: cannot create the data folder ({detail})"),
    "store.unusable": Text("{path}：不是可用的检查数据库（{detail}）；请检查数据文件夹，或从备份恢复",
                           "{path}: not a usable inspector database ({detail}); check the data folder or restore "
                           "a backup"),
    "store.disk_full": Text("磁盘已满：{folder} 所在的磁盘没有剩余空间。请腾出一些空间（删除不用的旧文件、清空回收站）"
                            "后重试。没有丢失任何数据，上次保存的内容完好无损",
                            "the disk holding {folder} is full: free some space (delete old files you no longer "
                            "need, empty the recycle bin) and try again. Nothing was lost: the last saved work is "
                            "intact"),
    "store.io_error": Text("{path}：读写磁盘出错（{detail}）；数据库没有改动。请检查磁盘或U盘是否连接良好，"
                           "并确认没有别的程序正在使用它，然后重试",
                           "{path}: the disk could not be read or written ({detail}); the database was not "
                           "changed. Check the drive and that no other program is using it, then try again"),
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
