"""The township clerk's relay: carrying bundles between U盘 and the district without opening them."""

from ..codes import Text

MESSAGES = {
    "relay.not_a_folder": Text("{path} 不是文件夹；请指定U盘上的文件夹",
                               "{path} is not a folder (give the stick's folder)"),
}
