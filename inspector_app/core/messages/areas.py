"""The district's townships and villages: finding one by name or division code."""

from ..codes import Text

MESSAGES = {
    "areas.bad_level": Text("地区级别只能是以下之一：{allowed}", "level must be one of {allowed}"),
    "areas.code_taken": Text("地区代码 {code} 已存在", "area code {code} exists already"),
    "areas.township_required": Text("请填写乡镇（名称或代码）", "township is required"),
    "areas.village_required": Text("请填写村（名称或代码）", "village is required"),
    "areas.several_townships": Text("有多个乡镇与“{name}”相符；请填写全称或代码",
                                    "township '{name}' matches several areas; give the full name or code"),
    "areas.several_villages": Text("有多个村与“{name}”相符；请填写全称或代码",
                                   "village '{name}' matches several areas; give the full name or code"),
    "areas.no_township": Text("没有叫“{name}”的乡镇；`inspector areas list` 可列出全部乡镇",
                              "no township called '{name}'; `inspector areas list` shows them"),
    "areas.no_village": Text("没有叫“{name}”的村；`inspector areas list --villages` 可列出全部村",
                             "no village called '{name}'; `inspector areas list` shows them"),
    "areas.not_found": Text("没有叫“{name}”的地区；`inspector areas list` 可列出全部地区",
                            "no area called '{name}'; `inspector areas list` shows them"),
}
