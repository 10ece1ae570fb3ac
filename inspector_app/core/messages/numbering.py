"""Document numbers (文号): the district's blocks, the bureau's prefixes, GB/T 9704's format."""

from ..codes import Text

MESSAGES = {
    "numbering.exhausted": Text(
        "本机{year}年的{kind}文号已用完，不能打印。请先与区局同步（导出并导入数据包），区局会分配新的文号段",
        "this laptop has used all its {year} numbers for {kind}; it cannot print until it syncs with the "
        "district (export, then import the district's bundle), which grants new numbers"),
    "numbering.bad_year": Text("年份应为四位全称（如 2026），而不是 {year}",
                               "the year must be written in full (e.g. 2026), not {year}"),
    "numbering.bad_sequence": Text("发文顺序号应为正整数，而不是 {sequence}",
                                   "the sequence number must be a positive whole number, not {sequence}"),
    "numbering.bad_prefix": Text(
        "文号前缀「{prefix}」不可用：应为 1 至 {max} 个字，不含空白、括号，也不以“第”结尾",
        "the number prefix '{prefix}' cannot be used: 1 to {max} characters, no spaces or brackets, and not "
        "ending in 第"),
    "numbering.unknown_kind": Text("没有“{kind}”这种编号文书；可用：{allowed}",
                                   "no numbered document kind '{kind}'; use {allowed}"),
    "numbering.bad_prefix_argument": Text("请写成 文书种类=前缀，例如 order=津市监蓟责改，而不是 {given}",
                                          "write KIND=PREFIX, e.g. order=津市监蓟责改, not {given}"),
    "numbering.bad_block_size": Text("文号段大小应在 {low} 至 {high} 之间，而不是 {size}",
                                     "a block must hold {low} to {high} numbers, not {size}"),
}
