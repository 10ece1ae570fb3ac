"""Working days and the district's holiday schedules: a period out of range, a schedule file that is not one."""

from ..codes import Text

MESSAGES = {
    "workdays.bad_count": Text("整改天数应为 0 到 {most} 之间的整数（不能是“{days}”）",
                               "a number of days must be a whole number from 0 to {most} (not “{days}”)"),
    "workdays.bad_year": Text("年份应在 {first} 至 {last} 之间（不能是“{year}”）",
                              "the year must be between {first} and {last} (not “{year}”)"),
    "workdays.date_outside_year": Text("日期 {date} 不在 {year} 年内", "the date {date} is not in {year}"),
    "workdays.holiday_and_workday": Text("日期 {date} 不能既是放假日又是调休上班日",
                                         "the date {date} cannot be both a holiday and a makeup workday"),
    "workdays.makeup_not_weekend": Text("调休上班日 {date} 不是星期六或星期日（工作日本来就上班）",
                                        "the makeup workday {date} is not a Saturday or Sunday (a weekday is a "
                                        "workday already)"),
    "workdays.statutory_day_missing": Text("放假日中缺少《全国年节及纪念日放假办法》规定的法定节假日 {date}",
                                           "the holidays leave out {date}, a statutory holiday under the "
                                           "national holidays regulation"),
    "workdays.source_required": Text("请写明放假安排的来源（如 国办发明电〔2026〕N号）",
                                     "name the schedule's source (e.g. the State Council notice's number)"),
    "workdays.bad_file": Text("放假安排文件 {path} 有误：{detail}",
                              "the holiday schedule file {path} is wrong: {detail}"),
    "workdays.bad_date": Text("放假安排文件中的“{value}”不是日期（应为 YYYY-MM-DD 或 YYYY-MM-DD..YYYY-MM-DD）",
                              "“{value}” in the holiday schedule file is not a date (YYYY-MM-DD or "
                              "YYYY-MM-DD..YYYY-MM-DD)"),
    "workdays.year_mismatch": Text("文件写的是 {file_year} 年，命令指定的是 {year} 年",
                                   "the file is for {file_year}, the command says {year}"),
}
