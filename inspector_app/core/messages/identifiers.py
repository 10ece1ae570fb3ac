"""Credit codes, licence numbers and ID numbers typed by hand from paper (GB 32100-2015 for credit codes).

Each sentence names the rule the typed number breaks and ends with what to do: re-type it from the paper.
"""

from ..codes import Text

MESSAGES = {
    "identifiers.uscc_cannot_check": Text("信用代码 {number}：需要 17 位字符（取自 {alphabet}）才能计算校验码",
                                          "credit code {number}: need 17 characters from {alphabet} to compute "
                                          "the check character"),
    "identifiers.uscc_empty": Text("统一社会信用代码为空；请输入证照上印的 18 位代码",
                                   "credit code is empty; type the 18 characters printed on the licence"),
    "identifiers.uscc_length": Text("统一社会信用代码 {number} 有 {length} 位，应为 18 位；请对照证照重新输入",
                                    "credit code {number}: has {length} characters, must have 18; "
                                    "re-type the code from the licence"),
    "identifiers.uscc_lookalike": Text("统一社会信用代码 {number} 第 {position} 位：信用代码不使用字母 {char}"
                                       "（是不是 {suggestion}？）；请对照证照重新输入",
                                       "credit code {number}: position {position}: letter {char} is never used in "
                                       "credit codes (did you mean {suggestion}?); re-type the code from the licence"),
    "identifiers.uscc_unused_letter": Text("统一社会信用代码 {number} 第 {position} 位：信用代码不使用字母 {char}；"
                                           "请对照证照重新输入",
                                           "credit code {number}: position {position}: letter {char} is never used "
                                           "in credit codes; re-type the code from the licence"),
    "identifiers.uscc_bad_character": Text("统一社会信用代码 {number} 第 {position} 位：不能使用字符 {char}"
                                           "（只能是数字和 {letters}）；请对照证照重新输入",
                                           "credit code {number}: position {position}: character {char} is not "
                                           "allowed (only digits and {letters}); re-type the code from the licence"),
    "identifiers.uscc_authority": Text("统一社会信用代码 {number}：第 1 位 {char} 不是登记管理部门代码"
                                       "（应为 {allowed} 之一）；请对照证照重新输入",
                                       "credit code {number}: first character {char} is not a registering "
                                       "authority (one of {allowed}); re-type the code from the licence"),
    "identifiers.uscc_check": Text("统一社会信用代码 {number}：校验码应为 {expected}，而不是 {given}；"
                                   "请对照证照重新输入",
                                   "credit code {number}: check character should be {expected}, not {given}; "
                                   "re-type the code from the licence"),
    "identifiers.bad_division": Text("行政区划代码 {division} 应为 6 位数字（GB/T 2260），例如 120119",
                                     "division {division}: must be 6 digits (GB/T 2260), e.g. 120119"),
    "identifiers.licence_empty": Text("许可证编号为空；请输入许可证上印的编号（JY 或 SC 加 14 位数字）",
                                      "licence number is empty; type the number printed on the licence "
                                      "(JY or SC followed by 14 digits)"),
    "identifiers.licence_prefix": Text("许可证编号 {number} 应以 JY（食品经营）或 SC（食品生产）开头，"
                                       "而不是 {prefix}；请对照许可证重新输入（食品小作坊登记证、食品摊贩备案证明的"
                                       "编号，请把类别选为食品小作坊或食品摊贩后填写）",
                                       "licence number {number}: must start with JY (食品经营) or SC (食品生产), "
                                       "not {prefix}; re-type the number from the licence (a workshop's 登记证 "
                                       "or a stall's 备案证明 number is taken once the category is workshop or "
                                       "stall)"),
    "identifiers.licence_character": Text("许可证编号 {number} 第 {position} 位是 {char}，{prefix} 后面只能是数字；"
                                          "请对照许可证重新输入",
                                          "licence number {number}: position {position} is {char}, only digits "
                                          "may follow {prefix}; re-type the number from the licence"),
    "identifiers.licence_length": Text("许可证编号 {number} 在 {prefix} 后有 {length} 位数字，应为 14 位；"
                                       "请对照许可证重新输入",
                                       "licence number {number}: has {length} digits after {prefix}, must "
                                       "have 14; re-type the number from the licence"),
    "identifiers.paper_empty": Text("{paper}编号为空；请输入证上印的编号", "{paper} number is empty; type the "
                                    "number printed on the paper"),
    "identifiers.paper_character": Text("{paper}编号 {number} 第 {position} 位不能是 {char}（只能是数字、字母、"
                                        "汉字和 〔〕()[]- ）；请对照原件重新输入",
                                        "{paper} number {number}: position {position} cannot be {char} (only "
                                        "digits, letters, Chinese characters and 〔〕()[]-); re-type the number "
                                        "from the paper"),
    "identifiers.paper_length": Text("{paper}编号 {number} 有 {length} 个字符，应为 {min}–{max} 个；请对照原件"
                                     "重新输入",
                                     "{paper} number {number}: has {length} characters, must have {min} to {max}; "
                                     "re-type the number from the paper"),
    "identifiers.paper_digits": Text("{paper}编号 {number} 中数字少于 {digits} 位，缺少顺序号；请对照原件重新输入",
                                     "{paper} number {number}: has fewer than {digits} digits, so its serial "
                                     "number is missing; re-type the number from the paper"),
    "identifiers.demo_licence_prefix": Text("许可证前缀 {prefix} 无效：请用 JY 或 SC",
                                            "licence prefix {prefix}: use JY or SC"),
    "identifiers.demo_licence_format": Text("{prefix} 许可证需要 {kind_width} 位类别码、6 位地区码和不超过 "
                                            "{seq_width} 位的顺序号",
                                            "{prefix} licence needs a {kind_width}-digit type, 6-digit region and "
                                            "a sequence of at most {seq_width} digits"),
    "identifiers.id_number_character": Text("身份证号第 {position} 位不是数字（只有第 18 位可以是 X）；请对照身份证"
                                            "重新输入",
                                            "ID number: position {position} is not a digit (only the 18th may be X); "
                                            "re-type it from the ID card"),
    "identifiers.id_number_check": Text("身份证号的校验码（第 18 位）与前 17 位不符（GB 11643-1999）；请对照身份证"
                                        "重新输入",
                                        "ID number: the check character (the 18th) does not match the first 17 "
                                        "(GB 11643-1999); re-type it from the ID card"),
    "identifiers.id_number_length": Text("身份证号有 {length} 位；居民身份证号为 18 位（最后一位可以是 X）或 15 位"
                                         "数字；请对照身份证重新输入",
                                         "ID number has {length} characters; a resident ID has 18 (the last may be "
                                         "X) or 15 digits; re-type it from the ID card"),
}
