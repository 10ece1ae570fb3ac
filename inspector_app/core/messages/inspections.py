"""Running an inspection: inspectors, answers, photos, signatures, finalizing, amending, the answers file."""

from ..codes import Text

MESSAGES = {
    "inspection.not_found": Text("没有编号为 {id} 的检查记录；请核对编号",
                                 "no inspection with id {id}; check the id"),
    "inspection.checklist_category": Text("检查表 {checklist} 适用于 {categories}，不适用于 {category}；"
                                          "请选择适用于该类别的检查表",
                                          "checklist {checklist} is for {categories}, not for a {category}; "
                                          "pick a checklist for this category"),
    "inspection.inspector_twice": Text("同一名执法人员被填写了两次；请填写两名不同的执法人员",
                                       "the same inspector is named twice; name two different inspectors"),
    "inspection.too_few_inspectors": Text("检查至少需要 {need} 名执法人员（第49号令第23条）；现有 {given} 名",
                                          "an inspection needs at least {need} inspectors (Order 49 Art. 23); "
                                          "{given} given"),
    "inspection.no_such_user": Text("没有编号为 {id} 的用户；请用 `inspector users list` 查看编号",
                                    "no user with id {id}; see `inspector users list` for the ids"),
    "inspection.not_an_inspector": Text("{name} 不是在岗的执法人员；请另选一名执法人员",
                                        "{name} is not an active inspector; name another inspector"),
    "inspection.nothing_to_amend": Text("没有编号为 {id} 的检查记录可供更正；请核对编号",
                                        "no inspection {id} to amend; check the id"),
    "inspection.amend_a_draft": Text("只有已完成的检查才能更正；草稿请直接修改",
                                     "only a finalized inspection can be amended; edit the draft instead"),
    "inspection.amend_other_establishment": Text("更正记录必须针对同一经营者",
                                                 "an amendment must be for the same establishment"),
    "inspection.amended_already": Text("检查 {id} 已由 {by} 更正过；请更正那一条记录",
                                       "inspection {id} was amended already by {by}; amend that one"),
    "inspection.mark_not_bool": Text("检查项 {item}：{key} 只能是 true 或 false",
                                     "item {item}: {key} must be true or false"),
    "inspection.mark_needs_failure": Text("检查项 {item} 未判定为不符合，不能标记当场整改或影响食品安全",
                                          "item {item} did not fail: only a failed item is fixed on the spot "
                                          "or marked as affecting food safety"),
    "inspection.fix_note_needed": Text("检查项 {item} 标记为当场整改，请记录采取的整改措施及整改情况"
                                       "（《食品生产经营监督检查管理办法》第三十三条第二款）",
                                       "item {item} is marked fixed on the spot: record the measure taken and its "
                                       "effect (Order 49 Art. 33 ¶2)"),
    "inspection.fix_note_without_fix": Text("检查项 {item} 有整改情况记录，但未标记为当场整改",
                                            "item {item} has a fix note but is not marked fixed on the spot"),
    "inspection.finalized": Text("该检查已完成，不能再修改；如需更正，请新建更正记录",
                                 "this inspection is finalized and cannot change; start an amendment instead"),
    "inspection.finalized_already": Text("该检查已经完成；如需更正，请新建更正记录",
                                         "this inspection is finalized already; start an amendment to correct it"),
    "inspection.bad_purpose": Text("检查类型只能是以下之一：{allowed}", "the purpose must be one of {allowed}"),
    "inspection.recheck_purpose": Text("复查责令改正通知的检查，检查类型只能是 recheck（复查）",
                                       "an inspection that follows up an order has the purpose recheck"),
    "inspection.recheck_item_not_on_order": Text("检查项 {item} 不在责令改正通知所列的项目（{items}）中；"
                                                 "复查只查这些项目",
                                                 "item {item} is not on the order ({items}); a re-inspection checks "
                                                 "those items only"),
    "inspection.item_not_in_checklist": Text("检查项 {item} 不在检查表 {checklist} 第 {version} 版中；请核对项目编号",
                                             "item '{item}' is not in checklist {checklist} v{version}; "
                                             "check the item number"),
    "inspection.answer_invalid": Text("检查项 {item}：结论只能是 pass（符合）、fail（不符合）或 na（合理缺项），"
                                      "不能是 {answer}",
                                      "item {item}: answer must be pass, fail or na, not {answer}"),
    "inspection.answer_needed": Text("检查项 {item}：请填写结论 pass（符合）、fail（不符合）或 na（合理缺项）",
                                     "item {item}: answer pass, fail or na"),
    "inspection.value_needed": Text("检查项 {item}：请填写数值（或填 na 表示合理缺项）",
                                    "item {item}: give a value (or answer na)"),
    "inspection.value_not_a_number": Text("检查项 {item}：数值必须是以 {unit} 为单位的数字",
                                          "item {item}: the value must be a number in {unit}"),
    "inspection.value_not_a_choice": Text("检查项 {item}：请从 {choices} 中选择一项",
                                          "item {item}: choose one of {choices}"),
    "inspection.value_not_a_date": Text("检查项 {item}：请按 2026-11-28 的格式填写日期",
                                        "item {item}: the value must be a date like 2026-11-28"),
    "inspection.value_not_text": Text("检查项 {item}：请填写文字", "item {item}: the value must be text"),
    "inspection.unanswered": Text("还有 {count} 个检查项未填写结论，不能完成检查：{items}",
                                  "{count} item(s) still need an answer before finalizing: {items}"),
    "inspection.nothing_checked": Text("尚未检查任何项目；请先填写检查表再完成检查",
                                       "nothing was checked; answer the checklist before finalizing"),
    "inspection.photos_missing": Text("检查项 {items} 不符合，按检查表要求须拍照取证；请为每一项添加照片后再完成检查",
                                      "item(s) {items} failed and the checklist asks for a photo of each; "
                                      "attach one before finalizing"),

    "signature.missing_inspectors": Text("执法人员 {names} 尚未签字；全体执法人员和当事人签字后才能完成检查"
                                         "（第49号令第34条）",
                                         "{names} must still sign; every inspector and the operator sign "
                                         "before the inspection is finalized (Order 49 Art. 34)"),
    "signature.missing_operator": Text("当事人尚未签字；请当事人签字，当事人拒绝签字的，记录拒签理由和见证人"
                                       "（第49号令第34条）",
                                       "the operator has not signed; have the operator sign, or record the "
                                       "refusal with its reason and a witness (Order 49 Art. 34)"),
    "signature.missing_all": Text("执法人员 {names} 和当事人尚未签字；请全部签字后再完成检查，当事人拒绝签字的，"
                                  "记录拒签理由和见证人（第49号令第34条）",
                                  "{names} and the operator must still sign before finalizing; if the operator "
                                  "refuses, record the reason and a witness instead (Order 49 Art. 34)"),
    "signature.refusal_reason_missing": Text("请写明当事人拒绝签字的理由",
                                             "write down why the operator refuses to sign"),
    "signature.refusal_witness_missing": Text("记录拒签需要见证人的姓名；请填写见证人",
                                              "a refusal needs a witness's name; fill in the witness"),
    "signature.operator_signed_already": Text("当事人已经签字，不能再记录拒签",
                                              "the operator has signed already; a refusal cannot be recorded"),
    "signature.refusal_recorded": Text("已记录当事人拒绝签字，不能再添加当事人签名",
                                       "the operator's refusal is recorded already; no operator signature "
                                       "can be added"),
    "signature.operator_and_refusal": Text("当事人签名和拒签记录只能二选一；请删去其中一项",
                                           "give either the operator's signature or the refusal, not both"),
    "signature.not_an_inspector": Text("{id} 不是本次检查的执法人员，不能作为执法人员签字",
                                       "{id} is not an inspector of this inspection and cannot sign as one"),
    "signature.signed_already": Text("{name} 已经签过字；签名不能替换",
                                     "{name} has signed already; a signature cannot be replaced"),

    "evidence.too_large": Text("{name} 超过 {limit} MB；请添加较小的照片",
                               "{name} is larger than {limit} MB; attach a smaller photo"),
    "evidence.unreadable": Text("无法读取 {path}（{detail}）；请检查文件是否存在",
                                "cannot read {path}: {detail}; check that the file is there"),
    "evidence.not_an_image": Text("{name} 不是可读取的图片（{detail}）；请添加 JPEG 或 PNG 图片",
                                  "{name} is not a readable image ({detail}); attach a JPEG or PNG photo"),
    "evidence.unsupported_format": Text("{name}：不支持 {format} 格式的图片；请使用 JPEG 或 PNG",
                                        "{name}: {format} images are not supported; use JPEG or PNG"),
    "evidence.fix_needs_item": Text("当场整改的照片必须对应一个检查项",
                                    "a photo of an on-the-spot fix belongs to an item"),
    "evidence.unknown_role": Text("未知的证据类型 {role}；应为 {roles} 之一",
                                  "unknown evidence role {role}; use one of {roles}"),
    "evidence.draft_only": Text("只能给未完成的检查添加照片或签名；如需更正，请新建更正记录",
                                "evidence can be attached to a draft inspection only; start an amendment instead"),
    "evidence.not_found": Text("没有编号为 {id} 的照片或签名", "no evidence with id {id}"),
    "evidence.not_in_inspection": Text("这张照片不属于当前打开的检查；请重新打开该检查",
                                       "this photo is not part of the open inspection; reopen the inspection"),
    "evidence.signature_stays": Text("签名不能删除；如不想保留，请关闭完成检查窗口，不要完成检查",
                                     "a signature cannot be removed; close the finalize screen without "
                                     "finalizing instead"),

    "answers.unreadable": Text("无法读取答案文件 {path}（{detail}）；请检查路径",
                               "cannot read the answers file {path}: {detail}; check the path"),
    "answers.not_json": Text("答案文件 {path} 不是有效的 JSON（{detail}）；请修正后重试",
                             "the answers file {path} is not valid JSON ({detail}); fix it and try again"),
    "answers.shape": Text('答案文件的格式应为 {{"items": {{"<项目编号>": {{"answer": "pass"}}}}}}',
                          'the answers file must look like {{"items": {{"<item id>": {{"answer": "pass"}}}}}}'),
    "answers.unknown_keys": Text("答案文件{where}中有未知的键 {keys}；可用的键：{allowed}",
                                 "unknown keys {keys} in the answers file{where}; allowed: {allowed}"),
    "answers.item_not_object": Text('检查项 {item}：请写成 {{"answer": "pass"}} 这样的对象',
                                    'item {item}: give an object like {{"answer": "pass"}}'),
    "answers.item_unknown_keys": Text("检查项 {item}：未知的键 {keys}", "item {item}: unknown keys {keys}"),
    "answers.photos_not_list": Text("检查项 {item}：{key} 必须是文件路径的列表",
                                    "item {item}: {key} must be a list of file paths"),
    "answers.not_bool": Text("答案文件中的 {key} 必须是 true 或 false",
                             "{key} in the answers file must be true or false"),
    "answers.not_text": Text("答案文件中的 {key} 必须是非空文字", "{key} in the answers file must be text, not empty"),
    "answers.not_object": Text("答案文件中的 {key} 必须是对象，例如 {example}",
                               "{key} in the answers file must be an object like {example}"),
    "answers.inspector_signatures": Text('signatures.inspectors 必须是签名图片路径的列表，按 --inspector 的顺序，'
                                         '例如 ["a.png", "b.png"]',
                                         'signatures.inspectors must be a list of signature image paths in the '
                                         'order of --inspector, like ["a.png", "b.png"]'),
    "answers.signature_count": Text("答案文件中有 {given} 个执法人员签名，但 --inspector 指定了 {need} 名执法人员；"
                                    "请为每名执法人员按顺序提供一个签名",
                                    "the answers file has {given} inspector signature(s) for {need} --inspector(s); "
                                    "give one per inspector, in the same order"),
    "answers.operator_and_refusal": Text('signatures.operator 和 operator_refusal 只能二选一；'
                                         '当事人签字时删去拒签记录，拒绝签字时删去 "operator"',
                                         'give signatures.operator or operator_refusal, not both: drop the refusal '
                                         'if the operator signed, "operator" if the operator refused'),
}
