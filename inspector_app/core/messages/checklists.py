"""Checklist files (forms/*.yaml) and the versions installed in a store; errors name the file and the rule."""

from ..codes import Text

MESSAGES = {
    "checklists.not_a_mapping": Text("{source}：检查表文件的顶层必须是映射（键: 值）",
                                     "{source}: a checklist must be a mapping at the top level"),
    "checklists.invalid": Text("{source}：检查表不符合格式（{problems}）；请改正文件后再试", "{source}: {problems}"),
    "checklists.unreadable": Text("{file}：无法读取文件（{detail}）；请检查文件是否存在、是否为 UTF-8 编码",
                                  "{file}: cannot read the file ({detail})"),
    "checklists.bad_yaml": Text("{file}：不是有效的 YAML（{detail}）；请改正文件中的格式错误",
                                "{file}: not valid YAML ({detail})"),
    "checklists.name_mismatch": Text("{file}：文件名是 {file_id} v{file_version}，内容却是 {id} v{version}；"
                                     "请给文件改名",
                                     "{file}: the file name says {file_id} v{file_version}, the content says "
                                     "{id} v{version}; rename the file"),
    "checklists.defined_twice": Text("{folder}：同一检查表的同一版本定义了两次：{versions}；请删除多余的文件",
                                     "{folder}: the same checklist version is defined twice: {versions}"),
    "checklists.changed_version": Text("{source}：检查表 {id} v{version} 与已在使用的同一版本内容不同；"
                                       "请把修改作为新版本发布",
                                       "{source}: checklist {id} v{version} differs from the version already in "
                                       "use; publish the change as a new version"),
    "checklists.not_installed": Text("没有检查表 {which}；`inspector forms list` 可列出已安装的检查表",
                                     "no checklist {which}; `inspector forms list` shows the installed ones"),
    "checklists.bad_rule_parameters": Text("检查表 {id}：判定规则的参数有误（{detail}）",
                                           "checklist {id}: bad rule parameters ({detail})"),
    "checklists.unknown_rules_edition": Text("未知的判定规则版本 {edition}；本程序知道的版本：{known}",
                                             "unknown rules edition {edition}; this program knows {known}"),
}
