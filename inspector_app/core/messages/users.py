"""The laptop's local users: inspectors, clerks and administrators."""

from ..codes import Text

MESSAGES = {
    "users.password_too_short": Text("密码至少需要 {min_length} 个字符",
                                     "the password needs at least {min_length} characters"),
    "users.name_required": Text("请填写用户姓名", "the user's name is required"),
    "users.bad_role": Text("角色只能是以下之一：{allowed}", "role must be one of {allowed}"),
    "users.credential_required": Text("请填写执法证号", "the enforcement credential number (执法证号) is required"),
    "users.credential_taken": Text("执法证号为 {credential} 的用户已存在；请核对证号",
                                   "a user with credential {credential} exists already"),
    "users.no_user": Text("没有编号为 {id} 的用户；`inspector users list` 可列出全部用户", "no user with id {id}"),
}
