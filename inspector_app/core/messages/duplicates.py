"""Merging duplicate establishments at the district: who merges, and which records may be merged."""

from ..codes import Text

MESSAGES = {
    "duplicates.merger_required": Text("请写明由谁合并这些记录（--by 姓名）", "say who merges the records (--by NAME)"),
    "duplicates.same_record": Text("不能把经营主体合并到它自己", "an establishment cannot be merged into itself"),
    "duplicates.no_establishment": Text("区局没有经营主体 {id}", "no establishment {id}"),
    "duplicates.already_merged": Text("经营主体 {id} 已经并入 {merged_into}",
                                      "establishment {id} was already merged into {merged_into}"),
}
