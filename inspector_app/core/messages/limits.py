"""Limits on what people type and hand us (core/limits.py): lengths, characters, values, files."""

from ..codes import Text

MESSAGES = {
    "limits.not_text": Text("{label}必须是文字", "{label} must be text"),
    "limits.too_long": Text("{label}最多 {limit} 个字，现在有 {length} 个；请删减后重试",
                            "{label} is {length} characters long; at most {limit} are allowed: shorten it"),
    "limits.bad_character": Text("{label}的第 {position} 个字符（{code}）是控制字符、换行符或损坏的字符，"
                                 "这里不能保存；请删除后重新输入",
                                 "{label} holds a control character, line break or broken character ({code}) "
                                 "at position {position}, which it cannot keep: delete it and type it again"),
    "limits.too_many_photos_on_item": Text("检查项 {item} 已有 {limit} 张照片，不能再添加；请删除不需要的照片",
                                           "item {item} has {limit} photos already; remove one before adding "
                                           "another"),
    "limits.too_many_photos": Text("本次检查已有 {limit} 张照片，不能再添加；请删除不需要的照片",
                                   "this inspection has {limit} photos already; remove one before adding another"),
    "limits.value_not_finite": Text("{where}：{value} 不是可以保存的数值；请填写实际测得的数字",
                                    "{where}: {value} is not a number that can be kept; give the measured number"),
    "limits.value_too_big": Text("{where}：整数超出 ±{limit}，无法准确保存和同步；请检查数值",
                                 "{where}: whole numbers beyond ±{limit} cannot be kept exactly; check the value"),
    "limits.value_broken_text": Text("{where}：文字中有损坏的字符（{code}，不成对的代理字符）；请重新输入",
                                     "{where}: the text holds a broken character ({code}, an unpaired "
                                     "surrogate); type it again"),
    "limits.value_key_not_text": Text("{where}：对象的键必须是文字", "{where}: the keys of an object must be text"),
    "limits.value_type": Text("{where}：无法保存 {type} 类型的值；请填写数字、文字、true/false 或 null",
                              "{where}: a {type} cannot be kept; give a number, text, true/false or null"),
    "limits.value_too_deep": Text("{where}：嵌套超过 {limit} 层，无法保存",
                                  "{where}: nested more than {limit} levels deep; it cannot be kept"),
    "limits.value_not_single": Text("{where}：应填写一个数字、文字或日期，而不是列表或对象",
                                    "{where}: give one number, text or date, not a list or an object"),
    "limits.file_too_large": Text("{path} 有 {size} MiB，超过上限 {limit} MiB；请检查是否选错了文件",
                                  "{path} is {size} MiB; at most {limit} MiB is read: check it is the right file"),
    "limits.json_duplicate_key": Text("{path}：同一个对象中的键 {key} 出现了两次；每个键只能写一次",
                                      "{path}: the key {key} appears twice in one object; write each key once"),
    "limits.json_too_deep": Text("{path} 嵌套超过 {limit} 层；请检查是否选错了文件",
                                 "{path} is nested more than {limit} levels deep; check it is the right file"),
    "limits.json_invalid": Text("{path} 不是有效的 JSON（{detail}）；请修正后重试",
                                "{path} is not valid JSON ({detail}); correct it and try again"),
    "limits.op_not_carried": Text("本机待发送的第 {seq} 条变更（{entity} {id}）含有同步包无法携带的值；"
                                  "请联系技术支持，本机数据未受影响",
                                  "change {seq} waiting to be sent ({entity} {id}) holds a value a bundle cannot "
                                  "carry; call support: nothing on this laptop was changed"),
}
