"""The command line's own refusals."""

from ..codes import Text

MESSAGES = {
    "cli.no_display": Text("这里没有可供桌面程序使用的显示器；请在桌面会话中运行，或使用 `inspector --help` 列出的命令",
                           "there is no display for the desktop app here; run it in a desktop session, "
                           "or use the commands listed by `inspector --help`"),
    "cli.no_desktop": Text("此版本不含桌面程序（{detail}）；请使用 `inspector --help` 列出的命令",
                           "the desktop app is not available in this build ({detail}); "
                           "use the commands listed by `inspector --help`"),
    "cli.no_password_on_stdin": Text("标准输入中没有密码；请提供密码，或去掉 --password-stdin",
                                     "no password on standard input; give one, or leave out --password-stdin"),
}
