<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="zh_CN">
<context>
    <name>CheckItem</name>
    <message>
        <location filename="../../inspector_app/gui/item_widgets.py" line="381" />
        <source>Compliant</source>
        <translation>符合</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/item_widgets.py" line="381" />
        <source>Non-compliant</source>
        <translation>不符合</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/item_widgets.py" line="382" />
        <source>Not applicable</source>
        <translation>合理缺项</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/item_widgets.py" line="386" />
        <source>Key {0}</source>
        <translation>按键 {0}</translation>
    </message>
</context>
<context>
    <name>ChoiceItem</name>
    <message>
        <location filename="../../inspector_app/gui/item_widgets.py" line="542" />
        <source>Key {0}</source>
        <translation>按键 {0}</translation>
    </message>
</context>
<context>
    <name>DateItem</name>
    <message>
        <location filename="../../inspector_app/gui/item_widgets.py" line="602" />
        <source>Today</source>
        <translation>今日</translation>
    </message>
</context>
<context>
    <name>EstablishmentsPage</name>
    <message>
        <location filename="../../inspector_app/gui/establishments_page.py" line="25" />
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/establishments_page.py" line="26" />
        <location filename="../../inspector_app/gui/establishments_page.py" line="209" />
        <source>Category</source>
        <translation>类别</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/establishments_page.py" line="27" />
        <location filename="../../inspector_app/gui/establishments_page.py" line="210" />
        <source>Township</source>
        <translation>镇乡街</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/establishments_page.py" line="28" />
        <location filename="../../inspector_app/gui/establishments_page.py" line="211" />
        <source>Village</source>
        <translation>村居</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/establishments_page.py" line="29" />
        <location filename="../../inspector_app/gui/establishments_page.py" line="213" />
        <source>Licence no.</source>
        <translation>许可证号</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/establishments_page.py" line="30" />
        <source>Risk</source>
        <translation>风险</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/establishments_page.py" line="32" />
        <location filename="../../inspector_app/gui/establishments_page.py" line="219" />
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/establishments_page.py" line="56" />
        <source>Name / pinyin initials / licence no. / credit code</source>
        <translation>名称 / 拼音首字母 / 许可证号 / 信用代码</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/establishments_page.py" line="63" />
        <source>Overdue only</source>
        <translation>只看逾期</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/establishments_page.py" line="64" />
        <source>All categories</source>
        <translation>全部类别</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/establishments_page.py" line="67" />
        <source>All risk grades</source>
        <translation>全部风险等级</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/establishments_page.py" line="69" />
        <source>Grade {0}</source>
        <translation>{0} 级</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/establishments_page.py" line="70" />
        <source>All townships</source>
        <translation>全部镇乡街</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/establishments_page.py" line="71" />
        <location filename="../../inspector_app/gui/establishments_page.py" line="155" />
        <source>All villages</source>
        <translation>全部村居</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/establishments_page.py" line="76" />
        <source>Register new…</source>
        <translation>新登记…</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/establishments_page.py" line="99" />
        <source>Start inspection</source>
        <translation>开始检查</translation>
    </message>
    <message numerus="yes">
        <location filename="../../inspector_app/gui/establishments_page.py" line="137" />
        <source>%n establishment(s)</source>
        <translation>
            <numerusform>共 %n 家</numerusform></translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/establishments_page.py" line="212" />
        <source>Address</source>
        <translation>地址</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/establishments_page.py" line="214" />
        <source>Credit code</source>
        <translation>统一社会信用代码</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/establishments_page.py" line="215" />
        <source>Legal representative</source>
        <translation>法定代表人</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/establishments_page.py" line="216" />
        <source>Contact</source>
        <translation>联系人</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/establishments_page.py" line="217" />
        <source>Phone</source>
        <translation>联系电话</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/establishments_page.py" line="218" />
        <source>Risk grade</source>
        <translation>风险等级</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/establishments_page.py" line="222" />
        <source>Draft</source>
        <translation>草稿</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/establishments_page.py" line="223" />
        <source>Not inspected yet</source>
        <translation>尚未检查</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/establishments_page.py" line="224" />
        <source>None</source>
        <translation>无</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/establishments_page.py" line="229" />
        <source>Rectify by</source>
        <translation>整改期限</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/establishments_page.py" line="234" />
        <source>Not yet confirmed by the district register</source>
        <translation>尚未经区级名录确认（临时登记）</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/establishments_page.py" line="236" />
        <source>Inspections</source>
        <translation>检查记录</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/establishments_page.py" line="237" />
        <source>Open rectification orders</source>
        <translation>未完成的责令整改</translation>
    </message>
</context>
<context>
    <name>FinalizeDialog</name>
    <message>
        <location filename="../../inspector_app/gui/finalize_dialog.py" line="74" />
        <source>Finish the inspection — {0}</source>
        <translation>完成检查 — {0}</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/finalize_dialog.py" line="115" />
        <source>Result</source>
        <translation>检查结果</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/finalize_dialog.py" line="129" />
        <source>Fix everything below by</source>
        <translation>以下问题请于此日前整改完毕</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/finalize_dialog.py" line="135" />
        <source>A key item failed: the case goes to investigation (立案调查).</source>
        <translation>重点项不符合：移送立案调查。</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/finalize_dialog.py" line="141" />
        <source>What must be fixed ({0})</source>
        <translation>需要整改的问题（{0} 项）</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/finalize_dialog.py" line="142" />
        <source>Nothing must be fixed.</source>
        <translation>没有需要整改的问题。</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/finalize_dialog.py" line="193" />
        <source>Inspector {0}: {1}</source>
        <translation>检查人员{0}：{1}</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/finalize_dialog.py" line="195" />
        <source>Operator</source>
        <translation>经营者</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/finalize_dialog.py" line="202" />
        <source>Signatures</source>
        <translation>签字</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/finalize_dialog.py" line="226" />
        <source>The operator's refusal is recorded already.</source>
        <translation>已记录经营者拒绝签字。</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/finalize_dialog.py" line="228" />
        <source>Signed already.</source>
        <translation>已签字。</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/finalize_dialog.py" line="236" />
        <source>{0} (enforcement credential {1}) signs below.</source>
        <translation>{0}（执法证号 {1}）请在下方签字。</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/finalize_dialog.py" line="240" />
        <source>Sign here: {0}</source>
        <translation>请在此签字：{0}</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/finalize_dialog.py" line="251" />
        <source>The operator or their representative reads the summary and signs below.</source>
        <translation>请经营者或其代表阅读上述结果后在下方签字。</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/finalize_dialog.py" line="254" />
        <source>Operator signs here</source>
        <translation>经营者在此签字</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/finalize_dialog.py" line="258" />
        <source>Operator refuses to sign…</source>
        <translation>经营者拒绝签字…</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/finalize_dialog.py" line="272" />
        <source>The operator refuses to sign. Write down the reason and a witness (Order 49, Art. 34); the refusal goes into the record.</source>
        <translation>经营者拒绝签字。请记录拒签原因和见证人（《食品生产经营监督检查管理办法》第三十四条），拒签情况记入检查记录。</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/finalize_dialog.py" line="279" />
        <source>What the operator said</source>
        <translation>经营者的陈述</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/finalize_dialog.py" line="284" />
        <source>optional</source>
        <translation>选填</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/finalize_dialog.py" line="288" />
        <source>Reason</source>
        <translation>拒签原因</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/finalize_dialog.py" line="289" />
        <source>Witness name</source>
        <translation>见证人姓名</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/finalize_dialog.py" line="290" />
        <source>Witness ID number</source>
        <translation>见证人身份证号</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/finalize_dialog.py" line="293" />
        <source>Back to the signature pad</source>
        <translation>返回签字板</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/finalize_dialog.py" line="302" />
        <source>Clear</source>
        <translation>清除</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/finalize_dialog.py" line="308" />
        <source>Next signer</source>
        <translation>下一位签字</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/finalize_dialog.py" line="349" />
        <source>The operator has seen this summary. After finalizing, the record cannot be changed.</source>
        <translation>经营者已阅读以上结果。完成后记录不可再修改。</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/finalize_dialog.py" line="354" />
        <source>Back to the checklist</source>
        <translation>返回检查表</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/finalize_dialog.py" line="361" />
        <source>Finalize</source>
        <translation>完成检查</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/finalize_dialog.py" line="386" />
        <source>Operator: refuses</source>
        <translation>经营者：拒绝签字</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/finalize_dialog.py" line="395" />
        <source>Still to sign: {0}</source>
        <translation>尚未签字：{0}</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/finalize_dialog.py" line="397" />
        <source>Tick the confirmation, then finalize.</source>
        <translation>请勾选确认后完成检查。</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/finalize_dialog.py" line="399" />
        <source>Ready to finalize.</source>
        <translation>可以完成检查。</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/finalize_dialog.py" line="418" />
        <source>Finalizing…</source>
        <translation>正在完成…</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/finalize_dialog.py" line="439" />
        <source>Leave without finalizing?</source>
        <translation>不完成就离开吗？</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/finalize_dialog.py" line="440" />
        <source>The signatures on this screen will be discarded. Your answers stay saved.</source>
        <translation>本页上的签字将被放弃，已填写的检查结果仍然保存。</translation>
    </message>
</context>
<context>
    <name>InspectionPage</name>
    <message>
        <location filename="../../inspector_app/gui/inspection_page.py" line="116" />
        <source>Back</source>
        <translation>返回</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/inspection_page.py" line="138" />
        <source>Every answer is written to this laptop as soon as you give it.</source>
        <translation>每一项结果填写后立即保存在本机。</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/inspection_page.py" line="159" />
        <source>Start amendment</source>
        <translation>更正（新建更正记录）</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/inspection_page.py" line="164" />
        <source>Open the amendment</source>
        <translation>打开更正记录</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/inspection_page.py" line="183" />
        <source>No inspection is open. Start one from Today or Establishments, or resume a draft from Today.</source>
        <translation>没有打开的检查。请从“今日”或“经营主体”开始检查，或在“今日”继续草稿。</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/inspection_page.py" line="210" />
        <source>Keys: 1 compliant · 2 non-compliant · 3 not applicable · ↑↓ move · Enter next · I guidance</source>
        <translation>按键：1 符合 · 2 不符合 · 3 合理缺项 · ↑↓ 移动 · 回车 下一项 · I 检查指引</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/inspection_page.py" line="218" />
        <source>One item at a time</source>
        <translation>逐项显示</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/inspection_page.py" line="223" />
        <source>Show one item at a time, or the whole section</source>
        <translation>逐项显示或显示整个部分</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/inspection_page.py" line="226" />
        <source>Finish and sign…</source>
        <translation>完成并签字…</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/inspection_page.py" line="234" />
        <source>Check that everything is answered, then sign (Ctrl+Enter)</source>
        <translation>检查是否全部填写，然后签字（Ctrl+回车）</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/inspection_page.py" line="255" />
        <source>Opening…</source>
        <translation>正在打开…</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/inspection_page.py" line="328" />
        <source>Amendment</source>
        <translation>更正记录</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/inspection_page.py" line="337" />
        <source>Finalized on {0}: {1}. This record can no longer be changed.</source>
        <translation>已于 {0} 完成：{1}。此记录不可再修改。</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/inspection_page.py" line="339" />
        <source>It was corrected by a later amendment.</source>
        <translation>此记录已被后来的更正记录更正。</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/inspection_page.py" line="340" />
        <source>To correct it, start an amendment.</source>
        <translation>如需更正，请新建更正记录。</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/inspection_page.py" line="370" />
        <source>{0} of {1} answered</source>
        <translation>已填 {0} / {1} 项</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/inspection_page.py" line="372" />
        <source>{0} non-compliant</source>
        <translation>{0} 项不符合</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/inspection_page.py" line="385" />
        <source>Not checked yet</source>
        <translation>尚未检查</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/inspection_page.py" line="391" />
        <source>So far:</source>
        <translation>目前：</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/inspection_page.py" line="555" />
        <source>Read-only</source>
        <translation>只读</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/inspection_page.py" line="558" />
        <source>Not saved</source>
        <translation>未保存</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/inspection_page.py" line="562" />
        <source>Saving…</source>
        <translation>正在保存…</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/inspection_page.py" line="565" />
        <source>Saved</source>
        <translation>已保存</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/inspection_page.py" line="580" />
        <source>Choose photos</source>
        <translation>选择照片</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/inspection_page.py" line="581" />
        <source>Images ({0})</source>
        <translation>图片（{0}）</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/inspection_page.py" line="700" />
        <source>Starting the amendment…</source>
        <translation>正在新建更正记录…</translation>
    </message>
</context>
<context>
    <name>ItemWidget</name>
    <message>
        <location filename="../../inspector_app/gui/item_widgets.py" line="101" />
        <source>Add note</source>
        <translation>添加说明</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/item_widgets.py" line="108" />
        <location filename="../../inspector_app/gui/item_widgets.py" line="274" />
        <source>Add photo…</source>
        <translation>添加照片…</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/item_widgets.py" line="112" />
        <source>Choose photos, or drag image files onto this item</source>
        <translation>选择照片，或把图片文件拖到本项上</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/item_widgets.py" line="117" />
        <source>Note: what exactly is wrong, where, how many</source>
        <translation>说明：具体问题、位置、数量</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/item_widgets.py" line="150" />
        <source>Key</source>
        <translation>重点项</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/item_widgets.py" line="153" />
        <source>Key item (重点项): a failure weighs heavily on the result</source>
        <translation>重点项：不符合时对检查结果影响很大</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/item_widgets.py" line="165" />
        <source>For the record</source>
        <translation>仅记录</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/item_widgets.py" line="166" />
        <source>Recorded only; it does not count for the result</source>
        <translation>仅作记录，不计入检查结果</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/item_widgets.py" line="175" />
        <source>How to check, and the legal basis (key I)</source>
        <translation>检查方法和法律依据（按键 I）</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/item_widgets.py" line="184" />
        <source>How to check</source>
        <translation>检查方法</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/item_widgets.py" line="184" />
        <source>Legal basis</source>
        <translation>法律依据</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/item_widgets.py" line="274" />
        <source>Add photo (needed)…</source>
        <translation>添加照片（必需）…</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../inspector_app/gui/main_window.py" line="38" />
        <source>Food safety inspection</source>
        <translation>食品安全监督检查</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/main_window.py" line="48" />
        <source>Today</source>
        <translation>今日</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/main_window.py" line="49" />
        <source>Establishments</source>
        <translation>经营主体</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/main_window.py" line="50" />
        <source>Inspection</source>
        <translation>检查</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/main_window.py" line="75" />
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/main_window.py" line="76" />
        <source>Settings…</source>
        <translation>设置…</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/main_window.py" line="78" />
        <source>Lock now</source>
        <translation>立即锁定</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/main_window.py" line="79" />
        <source>Quit</source>
        <translation>退出</translation>
    </message>
    <message numerus="yes">
        <location filename="../../inspector_app/gui/main_window.py" line="97" />
        <source>%n record(s) not yet synced</source>
        <translation>
            <numerusform>%n 条记录待同步</numerusform></translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/main_window.py" line="98" />
        <source>Everything synced</source>
        <translation>全部已同步</translation>
    </message>
</context>
<context>
    <name>MissingModel</name>
    <message>
        <location filename="../../inspector_app/gui/section_list.py" line="241" />
        <source>needs a photo</source>
        <translation>需要照片</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/section_list.py" line="241" />
        <source>needs an answer</source>
        <translation>需要填写</translation>
    </message>
</context>
<context>
    <name>NumberItem</name>
    <message>
        <location filename="../../inspector_app/gui/item_widgets.py" line="481" />
        <source>allowed {0} – {1}</source>
        <translation>允许范围 {0} – {1}</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/item_widgets.py" line="483" />
        <source>at least {0}</source>
        <translation>不少于 {0}</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/item_widgets.py" line="485" />
        <source>at most {0}</source>
        <translation>不超过 {0}</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/item_widgets.py" line="489" />
        <source>Enter a number, e.g. 130</source>
        <translation>请输入数字，例如 130</translation>
    </message>
</context>
<context>
    <name>PhotoStrip</name>
    <message>
        <location filename="../../inspector_app/gui/photo_strip.py" line="54" />
        <source>Add photo…</source>
        <translation>添加照片…</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/photo_strip.py" line="57" />
        <source>Choose photos, or drag image files onto this item</source>
        <translation>选择照片，或把图片文件拖到本项上</translation>
    </message>
</context>
<context>
    <name>PhotoViewer</name>
    <message>
        <location filename="../../inspector_app/gui/photo_strip.py" line="90" />
        <source>Photo</source>
        <translation>照片</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/photo_strip.py" line="97" />
        <source>Close</source>
        <translation>关闭</translation>
    </message>
</context>
<context>
    <name>RegisterDialog</name>
    <message>
        <location filename="../../inspector_app/gui/register_dialog.py" line="23" />
        <source>Register an establishment</source>
        <translation>登记经营主体</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/register_dialog.py" line="28" />
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/register_dialog.py" line="32" />
        <source>Category</source>
        <translation>类别</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/register_dialog.py" line="37" />
        <source>Township</source>
        <translation>镇乡街</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/register_dialog.py" line="38" />
        <source>Village</source>
        <translation>村居</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/register_dialog.py" line="39" />
        <source>Licence no. (JY/SC…)</source>
        <translation>许可证号（JY/SC…）</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/register_dialog.py" line="40" />
        <source>Unified social credit code</source>
        <translation>统一社会信用代码</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/register_dialog.py" line="41" />
        <source>Legal representative</source>
        <translation>法定代表人</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/register_dialog.py" line="42" />
        <source>Contact person</source>
        <translation>联系人</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/register_dialog.py" line="43" />
        <source>Phone</source>
        <translation>联系电话</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/register_dialog.py" line="44" />
        <source>Address</source>
        <translation>地址</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/register_dialog.py" line="49" />
        <source>Risk grade</source>
        <translation>风险等级</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/register_dialog.py" line="53" />
        <source>Register</source>
        <translation>登记</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/register_dialog.py" line="79" />
        <source>(none)</source>
        <translation>（无）</translation>
    </message>
</context>
<context>
    <name>Runner</name>
    <message>
        <location filename="../../inspector_app/gui/runner.py" line="133" />
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
</context>
<context>
    <name>SectionColumn</name>
    <message>
        <location filename="../../inspector_app/gui/section_list.py" line="271" />
        <source>Sections</source>
        <translation>检查部分</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/section_list.py" line="329" />
        <source>Still needed before finishing: {0}. Click one to go there.</source>
        <translation>完成前还需处理 {0} 项，点击可跳转。</translation>
    </message>
</context>
<context>
    <name>SectionModel</name>
    <message>
        <location filename="../../inspector_app/gui/section_list.py" line="90" />
        <source>{0}: {1} of {2} answered, key items {3} of {4}, {5} non-compliant</source>
        <translation>{0}：已填 {1}/{2} 项，重点项 {3}/{4}，{5} 项不符合</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <location filename="../../inspector_app/gui/settings_dialog.py" line="42" />
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/settings_dialog.py" line="54" />
        <source>Data folder</source>
        <translation>数据文件夹</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/settings_dialog.py" line="55" />
        <source>Language and text size apply the next time the app starts.</source>
        <translation>语言和字号在下次启动时生效。</translation>
    </message>
</context>
<context>
    <name>SignInDialog</name>
    <message>
        <location filename="../../inspector_app/gui/signin.py" line="38" />
        <source>Food safety inspection — sign in</source>
        <translation>食品安全监督检查 — 登录</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/signin.py" line="49" />
        <source>Sign in</source>
        <translation>登录</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/signin.py" line="55" />
        <source>User</source>
        <translation>用户</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/signin.py" line="56" />
        <source>Password</source>
        <translation>密码</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/signin.py" line="58" />
        <source>Locked after a pause. Enter your password to continue.</source>
        <translation>长时间未操作已锁定。请输入密码继续。</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/signin.py" line="59" />
        <source>Sign in to start inspecting.</source>
        <translation>登录后开始检查。</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/signin.py" line="71" />
        <source>Opening the data folder…</source>
        <translation>正在打开数据文件夹…</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/signin.py" line="80" />
        <source>There are no users yet. Ask the township office to add you, or run `inspector users add` on this laptop.</source>
        <translation>还没有用户。请联系镇乡街食安办添加，或在本机运行 `inspector users add`。</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/signin.py" line="96" />
        <source>Wrong password. Try again.</source>
        <translation>密码错误，请重试。</translation>
    </message>
</context>
<context>
    <name>SignaturePad</name>
    <message>
        <location filename="../../inspector_app/gui/signature_pad.py" line="30" />
        <source>Sign here</source>
        <translation>请在此签字</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/signature_pad.py" line="36" />
        <source>Sign with a finger, a pen or the mouse</source>
        <translation>可用手指、手写笔或鼠标签字</translation>
    </message>
</context>
<context>
    <name>StartInspectionDialog</name>
    <message>
        <location filename="../../inspector_app/gui/start_dialog.py" line="18" />
        <source>Start an inspection</source>
        <translation>开始检查</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/start_dialog.py" line="24" />
        <source>A latent incident risk is already evident (stop operations at once)</source>
        <translation>已发现食品安全事故隐患（立即停止经营）</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/start_dialog.py" line="29" />
        <source>Start inspection</source>
        <translation>开始检查</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/start_dialog.py" line="35" />
        <source>Checklist</source>
        <translation>检查表</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/start_dialog.py" line="36" />
        <source>With (two inspectors at least)</source>
        <translation>同行检查人员（至少两人）</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/start_dialog.py" line="60" />
        <source>No checklist is installed for this kind of establishment.</source>
        <translation>本机没有适用于此类经营主体的检查表。</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/start_dialog.py" line="71" />
        <source>Choose the second inspector: an inspection needs two.</source>
        <translation>请选择第二名检查人员：检查需要两人以上。</translation>
    </message>
</context>
<context>
    <name>Thumbnail</name>
    <message>
        <location filename="../../inspector_app/gui/photo_strip.py" line="29" />
        <source>Photo — click to see it larger</source>
        <translation>照片 — 点击放大</translation>
    </message>
</context>
<context>
    <name>TodayPage</name>
    <message>
        <location filename="../../inspector_app/gui/today_page.py" line="64" />
        <source>Inspections due</source>
        <translation>待检查</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/today_page.py" line="65" />
        <location filename="../../inspector_app/gui/today_page.py" line="73" />
        <location filename="../../inspector_app/gui/today_page.py" line="79" />
        <source>Establishment</source>
        <translation>经营主体</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/today_page.py" line="66" />
        <source>Category</source>
        <translation>类别</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/today_page.py" line="67" />
        <source>Township</source>
        <translation>镇乡街</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/today_page.py" line="68" />
        <source>Risk</source>
        <translation>风险</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/today_page.py" line="69" />
        <source>Last inspected</source>
        <translation>上次检查</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/today_page.py" line="69" />
        <source>never</source>
        <translation>从未</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/today_page.py" line="70" />
        <source>Due</source>
        <translation>应检日期</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/today_page.py" line="71" />
        <source>Start</source>
        <translation>开始检查</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/today_page.py" line="72" />
        <source>Rectification deadlines</source>
        <translation>整改到期</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/today_page.py" line="74" />
        <source>Items to fix</source>
        <translation>整改项目</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/today_page.py" line="75" />
        <source>Deadline</source>
        <translation>整改期限</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/today_page.py" line="77" />
        <source>Re-inspect</source>
        <translation>复查</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/today_page.py" line="78" />
        <source>Drafts</source>
        <translation>草稿</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/today_page.py" line="80" />
        <source>Checklist</source>
        <translation>检查表</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/today_page.py" line="81" />
        <source>Started</source>
        <translation>开始时间</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/today_page.py" line="82" />
        <source>Answered</source>
        <translation>已填项</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/today_page.py" line="83" />
        <source>Resume</source>
        <translation>继续</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/today_page.py" line="84" />
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
</context>
<context>
    <name>_ValueItem</name>
    <message>
        <location filename="../../inspector_app/gui/item_widgets.py" line="431" />
        <location filename="../../inspector_app/gui/item_widgets.py" line="454" />
        <source>Not applicable</source>
        <translation>合理缺项</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/item_widgets.py" line="454" />
        <source>Compliant</source>
        <translation>符合</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/item_widgets.py" line="454" />
        <source>Non-compliant</source>
        <translation>不符合</translation>
    </message>
</context>
<context>
    <name>errors</name>
    <message>
        <location filename="../../inspector_app/gui/errors.py" line="28" />
        <source>The file or folder could not be used: {0}. Check the drive and try again; your data on this laptop is unchanged.</source>
        <translation>无法使用该文件或文件夹：{0}。请检查磁盘后重试；本机数据未受影响。</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/errors.py" line="30" />
        <source>Something unexpected went wrong. Your saved work is safe. Details were written to the log file: {0}</source>
        <translation>出现意外错误。已保存的工作不受影响。详细信息已写入日志文件：{0}</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/errors.py" line="31" />
        <source>(log file)</source>
        <translation>（日志文件）</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/errors.py" line="40" />
        <source>Could not finish</source>
        <translation>未能完成</translation>
    </message>
</context>
<context>
    <name>labels</name>
    <message>
        <location filename="../../inspector_app/gui/labels.py" line="12" />
        <source>Catering</source>
        <translation>餐饮服务</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/labels.py" line="12" />
        <source>School canteen</source>
        <translation>学校（幼儿园）食堂</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/labels.py" line="13" />
        <source>Workplace canteen</source>
        <translation>单位食堂</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/labels.py" line="13" />
        <source>Farmhouse inn</source>
        <translation>农家院</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/labels.py" line="14" />
        <source>Food sales</source>
        <translation>食品销售</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/labels.py" line="14" />
        <source>Farmers' market</source>
        <translation>集中交易市场</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/labels.py" line="15" />
        <source>Slaughterhouse</source>
        <translation>生猪定点屠宰场</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/labels.py" line="15" />
        <source>Small workshop</source>
        <translation>食品小作坊</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/labels.py" line="15" />
        <source>Food stall</source>
        <translation>食品摊贩</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/labels.py" line="21" />
        <source>Compliant</source>
        <translation>符合</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/labels.py" line="21" />
        <source>Basically compliant</source>
        <translation>基本符合</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/labels.py" line="22" />
        <source>Non-compliant</source>
        <translation>不符合</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/labels.py" line="23" />
        <source>Not decided</source>
        <translation>未判定</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/labels.py" line="27" />
        <source>Pass</source>
        <translation>通过</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/labels.py" line="27" />
        <source>Rectify by a written deadline</source>
        <translation>书面限期整改</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/labels.py" line="28" />
        <source>Stop food operations immediately</source>
        <translation>立即停止食品经营活动</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/labels.py" line="33" />
        <source>Open</source>
        <translation>营业</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/labels.py" line="33" />
        <source>Suspended</source>
        <translation>停业</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/labels.py" line="33" />
        <source>Closed</source>
        <translation>注销</translation>
    </message>
</context>
<context>
    <name>roles</name>
    <message>
        <location filename="../../inspector_app/gui/signin.py" line="10" />
        <source>Inspector</source>
        <translation>检查人员</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/signin.py" line="11" />
        <source>Township clerk</source>
        <translation>镇乡街食安办</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/signin.py" line="12" />
        <source>Administrator</source>
        <translation>管理员</translation>
    </message>
</context>
</TS>