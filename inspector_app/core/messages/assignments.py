"""Assignments: the district asks a laptop (or a township's laptops) to inspect a place; the laptop answers."""

from ..codes import Text

MESSAGES = {
    "assignments.bad_response": Text("对任务只能回答 accepted（接受）或 declined（退回）",
                                     "answer an assignment with accepted or declined"),
    "assignments.reason_required": Text("退回任务时请说明原因（--reason）", "say why the assignment is declined"),
    "assignments.not_here": Text("本机没有编号为 {id} 的任务；`inspector assignments --all` 可列出全部任务",
                                 "no assignment {id} for this laptop"),
    "assignments.already_done": Text("该任务已完成，不用再回答", "this assignment is done already"),
    "assignments.already_cancelled": Text("该任务已被区局取消，不用再回答", "this assignment is cancelled already"),
    "assignments.assigner_required": Text("请写明由谁派发这次检查（--by 姓名）",
                                          "say who assigns the inspection (--by NAME)"),
    "assignments.canceller_required": Text("请写明由谁取消这项任务（--by 姓名）",
                                           "say who cancels the assignment (--by NAME)"),
    "assignments.bad_due": Text("“{due}”不是日期；请按 YYYY-MM-DD 填写，例如 2026-12-31",
                                "'{due}' is not a date (YYYY-MM-DD)"),
    "assignments.no_establishment": Text("区局没有编号为 {id} 的经营主体", "central has no establishment {id}"),
    "assignments.establishment_merged": Text("经营主体 {id} 已并入 {merged_into}；请把任务派给 {merged_into}",
                                             "establishment {id} was merged into {merged_into}; assign that one"),
    "assignments.ambiguous_device": Text("有多台笔记本的编号以 {device} 开头；请填写完整编号",
                                         "several laptops have ids starting {device}; give the whole id"),
    "assignments.device_revoked": Text("笔记本 {device} 已被注销，不能再派任务给它", "laptop {device} is revoked"),
    "assignments.no_target": Text("请指定派给哪台笔记本（--device）或哪个乡镇（--township）",
                                  "assign to a laptop (--device) or a township (--township)"),
    "assignments.no_assignment": Text("没有编号为 {id} 的任务；`inspector central assignments` 可列出全部任务",
                                      "no assignment {id}"),
}
