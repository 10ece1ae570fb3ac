"""The district desk (区局工作台): staff accounts, sign-in, sessions and the pages' actions."""

from ..codes import Text

MESSAGES = {
    "desk.bad_username": Text("用户名须为 2–64 个字母、数字、下划线、点或短横线",
                              "a user name is 2–64 letters, digits, underscores, dots or hyphens"),
    "desk.display_name_required": Text("请填写姓名", "give the person's name"),
    "desk.bad_role": Text("角色只能是 {allowed} 之一", "the role must be one of {allowed}"),
    "desk.staff_exists": Text("用户名 {username} 已被使用", "the user name {username} is taken"),
    "desk.no_staff": Text("没有用户名为 {username} 的区局人员；`inspector central staff list` 可列出全部",
                          "no district staff member {username}; `inspector central staff list` lists them"),
    "desk.password_too_short": Text("密码至少需要 {min_length} 个字符", "a password needs at least {min_length} "
                                                                   "characters"),
    "desk.password_too_long": Text("密码最多 {max_length} 个字符", "a password has at most {max_length} characters"),
    "desk.passwords_differ": Text("两次输入的密码不一致；没有做任何改动",
                                  "the two passwords differ; nothing was changed"),
    "desk.sign_in_failed": Text("用户名或密码不对", "wrong user name or password"),
    "desk.locked": Text("登录失败次数过多，账号已锁定；请在 {minutes} 分钟后再试",
                        "too many failed sign-ins: the account is locked; try again in {minutes} minutes"),
    "desk.disabled": Text("该账号已停用；请联系区局管理员", "this account is disabled; ask a district administrator"),
    "desk.not_signed_in": Text("请先登录", "sign in first"),
    "desk.csrf": Text("页面已过期或来源不明，操作没有执行；请刷新页面后重试",
                      "the page has expired or did not come from the desk; nothing was done — reload and try again"),
    "desk.admin_only": Text("只有区局管理员可以执行此操作", "only a district administrator may do this"),
    "desk.bad_format": Text("下载格式只能是 xlsx 或 csv", "the download format is xlsx or csv"),
    "desk.no_table": Text("本页没有名为 {name} 的表格", "this page has no table {name}"),
    "desk.bad_number": Text("“{value}”不是有效的编号", "'{value}' is not a valid number"),
    "desk.several_establishments": Text("有 {count} 个检查主体叫“{name}”；请填写编号（可在疑似重复页合并）",
                                        "{count} establishments are called '{name}'; give the id (or merge them "
                                        "on the duplicates page)"),
    "desk.field_required": Text("请填写{label}", "fill in {label}"),
    "desk.staff_added": Text("已添加区局人员 {username}（{role}）", "district staff {username} added ({role})"),
    "desk.password_set": Text("已为 {username} 设置新密码；其已登录的会话全部退出",
                              "new password set for {username}; their open sessions were signed out"),
    "desk.staff_disabled": Text("已停用 {username}；其已登录的会话全部退出",
                                "{username} disabled; their open sessions were signed out"),
    "desk.no_staff_yet": Text("还没有区局人员", "no district staff yet"),
    "desk.password_prompt": Text("{username} 的密码：", "Password for {username}: "),
    "desk.password_again": Text("再输入一次：", "Again: "),
}
