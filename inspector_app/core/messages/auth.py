"""Acting in someone's name: who finalizes or amends a record, and their password."""

from ..codes import Text

MESSAGES = {
    "auth.as_required": Text(
        "完成（--finalize）或更正（--amends）检查须说明由谁操作：请加上 --as 用户编号或执法证号"
        "（须是本次检查的检查人员之一）",
        "--finalize and --amends act in an inspector's name: add --as USER (a user id or credential number, "
        "one of this inspection's --inspector)"),
    "auth.no_such_user": Text("没有编号或执法证号为 {who} 的用户；`inspector users list` 可列出全部用户",
                              "no user with id or credential number {who}"),
    "auth.inactive": Text("{name} 的账号已停用，不能以其名义操作", "{name}'s account is inactive"),
    "auth.not_an_inspector": Text("{name} 不是这次检查的检查人员（--inspector），不能以其名义完成或更正检查",
                                  "{name} is not one of this inspection's inspectors (--inspector), so cannot "
                                  "finalize or amend it"),
    "auth.password_required": Text("{name} 设有密码，需要先输入密码", "{name} has a password: it is needed"),
    "auth.password_not_given": Text(
        "{name} 设有密码：请用 --password-stdin 从标准输入提供，或在终端中运行以便输入；没有做任何改动",
        "{name} has a password: give it on standard input with --password-stdin, or run the command on a "
        "terminal to type it; nothing was changed"),
    "auth.wrong_password": Text("{name} 的密码不对；没有做任何改动", "wrong password for {name}; nothing was changed"),
    "auth.password_prompt": Text("{name} 的密码：", "Password for {name}: "),
}
