"""The desk's fixed words in English, for staff who read the desk in English (a `desk_lang` cookie).

The pages are written in Chinese; `t(zh)` gives the English here when English
is chosen, and the Chinese otherwise (or when a word has no English yet). The
tables themselves (their titles, columns and cells) stay Chinese in both, so a
download always holds exactly what the page showed.
"""

from __future__ import annotations

from starlette.requests import Request

COOKIE = "desk_lang"

EN = {
    # frame and navigation
    "区局工作台": "District desk", "食品安全检查 · 区局工作台": "Food safety inspection · District desk",
    "退出登录": "Sign out", "概况": "Overview", "责令改正通知书": "Rectification orders", "暂存同步包": "Held bundles",
    "缺号提醒": "Gap alerts", "冲突": "Conflicts", "疑似重复": "Likely duplicates", "笔记本": "Laptops",
    "检查任务": "Assignments", "人员": "Staff", "区局管理员": "district administrator",
    "区局办事员": "district clerk", "下载：": "Download:", "操作": "Action", "暂无": "None",
    "提示": "Notice", "返回": "Back",
    # sign-in
    "登录": "Sign in", "区局工作台登录": "Sign in to the district desk", "用户名": "User name", "密码": "Password",
    # overview
    "本月检查": "Inspections this month", "本年检查": "Inspections this year", "整改未完成": "Open orders",
    "逾期未整改": "Overdue orders", "待处理冲突": "Open conflicts",
    # row buttons and their notes
    "强制应用": "Force", "清除": "Clear", "标记为已处理": "Mark resolved", "处理说明（可不填）": "Note (optional)",
    "合并（保留前者）": "Merge (keep the first)", "合并（保留后者）": "Merge (keep the second)",
    "不是同一主体": "Not the same place", "注销": "Revoke", "取消": "Cancel", "停用": "Disable",
    # forms
    "重新处理暂存的变更": "Re-process held changes", "查找疑似重复": "Find likely duplicates",
    "按许可证号、信用代码或同一乡镇的相同名称查找": "by licence number, credit code, or the same name in one township",
    "注册一台笔记本": "Enrol a laptop", "笔记本名称": "Laptop name", "例如使用人姓名": "e.g. its user's name",
    "乡镇": "Township", "生成注册文件": "Make the enrolment", "下达检查任务": "Assign an inspection",
    "检查主体（编号或全称）": "Establishment (id or full name)", "期限": "Due", "交给": "To",
    "（全部笔记本）": " (every laptop)", "笔记本：": "Laptop: ", "目的": "Purpose", "日常检查": "Routine",
    "投诉举报": "Complaint", "专项检查": "Special campaign", "复查": "Re-inspection", "备注": "Note", "下达": "Assign",
    "添加人员": "Add a staff member", "姓名": "Name", "角色": "Role", "再输入一次": "Again", "添加": "Add",
    # enrolment
    "注册文件": "Enrolment", "笔记本的注册文件": "Enrolment of laptop", "注册编号": "Serial",
    "请用笔记本上的检查程序扫描下面的二维码，或把注册文件拷到笔记本上导入。本页关闭后不再显示，如有遗失请注销后重新注册。":
        "Scan the QR code with the inspection app on the laptop, or copy the enrolment file to it. This page is "
        "not shown again: if the file is lost, revoke the enrolment and make a new one.",
    "注册二维码": "Enrolment QR code", "下载注册文件": "Download the enrolment file",
    "返回笔记本列表": "Back to the laptops",
    # what a page says after an action
    "已标记为已处理": "Marked resolved", "已强制应用该同步包": "The bundle was applied", "已重新处理暂存的变更":
        "Held changes re-processed", "提醒已清除": "Alert cleared", "已查找疑似重复": "Likely duplicates searched",
    "已合并": "Merged", "已确认不是同一主体": "Kept apart: not the same place", "已注销": "Revoked",
    "已下达检查任务": "Inspection assigned", "已取消检查任务": "Assignment cancelled",
    "已添加人员": "Staff member added",
    "已停用该账号": "Account disabled",
}


def language_of(request: Request) -> str:
    return "en" if request.cookies.get(COOKIE) == "en" else "zh"


def translator(language: str):
    if language == "en":
        return lambda zh: EN.get(zh, zh)
    return lambda zh: zh
