"""Rectification orders after they are issued: re-inspection (复查) and the overdue escalation (Order 49 Art. 33)."""

from ..codes import Text

MESSAGES = {
    "orders.not_found": Text("没有编号为 {id} 的责令改正通知；`inspector orders` 可列出全部",
                             "no rectification order {id}; `inspector orders` lists them"),
    "orders.recheck_not_open": Text("责令改正通知 {id} 的状态是 {status}，已不在整改中，不能再复查",
                                    "order {id} is {status}, no longer open: it cannot be re-inspected"),
    "orders.recheck_other_establishment": Text("责令改正通知 {id} 不是这个经营主体的",
                                               "order {id} belongs to another establishment"),
    "orders.recheck_in_progress": Text("责令改正通知 {id} 已有一份未完成的复查（{draft}）；请先完成它",
                                       "order {id} already has a re-inspection in progress ({draft}); finish it"),
    "orders.escalated_already": Text("责令改正通知 {id} 已决定依法立案调查", "order {id} is escalated already"),
    "orders.escalate_not_open": Text("责令改正通知 {id} 的状态是 {status}，不能再决定立案",
                                     "order {id} is {status}: it cannot be escalated"),
    "orders.not_overdue": Text("责令改正通知 {id} 的整改期限 {deadline} 还没过，不能认定整改未完成",
                               "order {id} is not overdue (deadline {deadline})"),
    "orders.escalator_required": Text("请写明谁作出立案决定（--as 用户）",
                                      "say who decides to file the case (--as USER)"),
}
