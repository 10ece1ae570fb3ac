<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>Assignments</name>
    <message>
        <location filename="../../inspector_app/gui/assignments_view.py" line="37"/>
        <source>Routine</source>
        <translation>日常检查</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/assignments_view.py" line="38"/>
        <source>Complaint</source>
        <translation>投诉举报</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/assignments_view.py" line="39"/>
        <source>Special campaign</source>
        <translation>专项检查</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/assignments_view.py" line="40"/>
        <source>Re-inspection</source>
        <translation>复查</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/assignments_view.py" line="45"/>
        <source>New</source>
        <translation>新任务</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/assignments_view.py" line="46"/>
        <source>Accepted</source>
        <translation>已接受</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/assignments_view.py" line="47"/>
        <source>Declined</source>
        <translation>已退回</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/assignments_view.py" line="48"/>
        <source>Done</source>
        <translation>已完成</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/assignments_view.py" line="49"/>
        <source>Cancelled</source>
        <translation>已取消</translation>
    </message>
</context>
<context>
    <name>AssignmentsList</name>
    <message>
        <location filename="../../inspector_app/gui/assignments_view.py" line="63"/>
        <source>Establishment</source>
        <translation>经营主体</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/assignments_view.py" line="64"/>
        <source>Purpose</source>
        <translation>事由</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/assignments_view.py" line="65"/>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/assignments_view.py" line="66"/>
        <source>Due</source>
        <translation>截止日期</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/assignments_view.py" line="68"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/assignments_view.py" line="79"/>
        <source>Accept</source>
        <translation>接受</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/assignments_view.py" line="80"/>
        <source>Decline…</source>
        <translation>退回…</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/assignments_view.py" line="81"/>
        <source>Start inspection</source>
        <translation>开始检查</translation>
    </message>
    <message numerus="yes">
        <location filename="../../inspector_app/gui/assignments_view.py" line="110"/>
        <source>Assigned by the district (%n)</source>
        <translation>
            <numerusform>区局派发的任务（%n）</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/assignments_view.py" line="130"/>
        <source>Decline the assignment</source>
        <translation>退回任务</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/assignments_view.py" line="131"/>
        <source>Why can you not take it? The district reads this.</source>
        <translation>请写明退回原因，区局会看到这条说明。</translation>
    </message>
</context>
<context>
    <name>CheckItem</name>
    <message>
        <location filename="../../inspector_app/gui/item_kinds.py" line="40"/>
        <source>Compliant</source>
        <translation>符合</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/item_kinds.py" line="40"/>
        <source>Non-compliant</source>
        <translation>不符合</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/item_kinds.py" line="41"/>
        <source>Not applicable</source>
        <translation>合理缺项</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/item_kinds.py" line="45"/>
        <source>Key {0}</source>
        <translation>按键 {0}</translation>
    </message>
</context>
<context>
    <name>ChoiceItem</name>
    <message>
        <location filename="../../inspector_app/gui/item_kinds.py" line="206"/>
        <source>Key {0}</source>
        <translation>按键 {0}</translation>
    </message>
</context>
<context>
    <name>ConflictsView</name>
    <message>
        <location filename="../../inspector_app/gui/conflicts_view.py" line="36"/>
        <source>Soft: merged, a value was replaced</source>
        <translation>一般冲突：已合并，有值被替换</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/conflicts_view.py" line="37"/>
        <source>Hard: the district kept its value</source>
        <translation>严重冲突：保留区局的值</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/conflicts_view.py" line="38"/>
        <source>Gap: applied past missing changes</source>
        <translation>缺口：跳过缺失的变更后已应用</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/conflicts_view.py" line="43"/>
        <source>Establishment</source>
        <translation>经营主体</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/conflicts_view.py" line="44"/>
        <source>Inspection</source>
        <translation>检查</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/conflicts_view.py" line="45"/>
        <source>Rectification order</source>
        <translation>责令改正通知书</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/conflicts_view.py" line="46"/>
        <source>Inspector account</source>
        <translation>检查人员账户</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/conflicts_view.py" line="52"/>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/conflicts_view.py" line="53"/>
        <source>Legal representative</source>
        <translation>法定代表人</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/conflicts_view.py" line="54"/>
        <source>Responsible person&apos;s ID no.</source>
        <translation>负责人身份证号</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/conflicts_view.py" line="55"/>
        <source>Licence no.</source>
        <translation>许可证号</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/conflicts_view.py" line="56"/>
        <source>Licence type</source>
        <translation>许可证类型</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/conflicts_view.py" line="57"/>
        <source>Credit code</source>
        <translation>统一社会信用代码</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/conflicts_view.py" line="58"/>
        <source>Category</source>
        <translation>类别</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/conflicts_view.py" line="59"/>
        <source>Township</source>
        <translation>镇乡街</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/conflicts_view.py" line="60"/>
        <source>Village</source>
        <translation>村居</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/conflicts_view.py" line="61"/>
        <source>Phone</source>
        <translation>联系电话</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/conflicts_view.py" line="62"/>
        <source>Contact</source>
        <translation>联系人</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/conflicts_view.py" line="63"/>
        <source>Address</source>
        <translation>地址</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/conflicts_view.py" line="64"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/conflicts_view.py" line="65"/>
        <source>Risk grade</source>
        <translation>风险等级</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/conflicts_view.py" line="66"/>
        <source>Amended record</source>
        <translation>被更正的记录</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/conflicts_view.py" line="73"/>
        <source>(empty)</source>
        <translation>（空）</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/conflicts_view.py" line="84"/>
        <source>possibly the same place as {0} (same {1})</source>
        <translation>可能与 {0} 是同一家（{1}相同）</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/conflicts_view.py" line="87"/>
        <source>laptop: {0} · district kept: {1}</source>
        <translation>本机：{0} · 区局保留：{1}</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/conflicts_view.py" line="93"/>
        <source>{0}: kept {1}, replaced {2}</source>
        <translation>{0}：保留 {1}，替换 {2}</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/conflicts_view.py" line="112"/>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/conflicts_view.py" line="114"/>
        <source>Record</source>
        <translation>记录</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/conflicts_view.py" line="116"/>
        <source>Fields</source>
        <translation>字段</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/conflicts_view.py" line="118"/>
        <source>Both values</source>
        <translation>双方的值</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/conflicts_view.py" line="120"/>
        <source>Laptop</source>
        <translation>笔记本</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/conflicts_view.py" line="121"/>
        <source>Since</source>
        <translation>起始</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/conflicts_view.py" line="136"/>
        <source>Note: what was decided (e.g. phoned the operator, licence checked)</source>
        <translation>说明：如何处理（例如已电话联系经营者、已核对许可证）</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/conflicts_view.py" line="137"/>
        <source>Resolve</source>
        <translation>标记为已处理</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/conflicts_view.py" line="140"/>
        <source>Merge the duplicate</source>
        <translation>合并重复记录</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/conflicts_view.py" line="141"/>
        <source>Keep the first-registered establishment; the duplicate&apos;s inspections and missing facts join it on every laptop</source>
        <translation>保留最先登记的经营主体；重复记录的检查记录和缺少的信息在每台笔记本上并入其中</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/conflicts_view.py" line="145"/>
        <source>Find duplicates</source>
        <translation>查找重复记录</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/conflicts_view.py" line="147"/>
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/conflicts_view.py" line="173"/>
        <source>Alert: {0}, laptop {1}: {2}</source>
        <translation>警报：{0}，笔记本 {1}：{2}</translation>
    </message>
    <message numerus="yes">
        <location filename="../../inspector_app/gui/conflicts_view.py" line="199"/>
        <source>%n new likely duplicate(s) flagged.</source>
        <translation>
            <numerusform>新标出 %n 条可能重复的记录。</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/conflicts_view.py" line="215"/>
        <source>Merged. Laptops show one establishment after their next import.</source>
        <translation>已合并。各笔记本下次导入后只显示一个经营主体。</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/conflicts_view.py" line="231"/>
        <source>Conflict #{0} resolved by {1}.</source>
        <translation>冲突 #{0} 已由 {1} 处理。</translation>
    </message>
</context>
<context>
    <name>DateItem</name>
    <message>
        <location filename="../../inspector_app/gui/item_kinds.py" line="266"/>
        <source>Today</source>
        <translation>今日</translation>
    </message>
</context>
<context>
    <name>EstablishmentsPage</name>
    <message>
        <location filename="../../inspector_app/gui/establishments_page.py" line="37"/>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/establishments_page.py" line="38"/>
        <location filename="../../inspector_app/gui/establishments_page.py" line="231"/>
        <source>Category</source>
        <translation>类别</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/establishments_page.py" line="39"/>
        <location filename="../../inspector_app/gui/establishments_page.py" line="232"/>
        <source>Township</source>
        <translation>镇乡街</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/establishments_page.py" line="40"/>
        <location filename="../../inspector_app/gui/establishments_page.py" line="233"/>
        <source>Village</source>
        <translation>村居</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/establishments_page.py" line="41"/>
        <location filename="../../inspector_app/gui/establishments_page.py" line="235"/>
        <source>Licence no.</source>
        <translation>许可证号</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/establishments_page.py" line="42"/>
        <source>Risk</source>
        <translation>风险</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/establishments_page.py" line="45"/>
        <location filename="../../inspector_app/gui/establishments_page.py" line="243"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/establishments_page.py" line="70"/>
        <source>Name / pinyin initials / licence no. / credit code</source>
        <translation>名称 / 拼音首字母 / 许可证号 / 信用代码</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/establishments_page.py" line="77"/>
        <source>Overdue only</source>
        <translation>只看逾期</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/establishments_page.py" line="78"/>
        <source>All categories</source>
        <translation>全部类别</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/establishments_page.py" line="81"/>
        <source>All risk grades</source>
        <translation>全部风险等级</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/establishments_page.py" line="83"/>
        <source>Grade {0}</source>
        <translation>{0} 级</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/establishments_page.py" line="84"/>
        <source>All townships</source>
        <translation>全部镇乡街</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/establishments_page.py" line="85"/>
        <location filename="../../inspector_app/gui/establishments_page.py" line="174"/>
        <source>All villages</source>
        <translation>全部村居</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/establishments_page.py" line="95"/>
        <source>Register new…</source>
        <translation>新登记…</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/establishments_page.py" line="118"/>
        <source>Start inspection</source>
        <translation>开始检查</translation>
    </message>
    <message numerus="yes">
        <location filename="../../inspector_app/gui/establishments_page.py" line="156"/>
        <source>%n establishment(s)</source>
        <translation>
            <numerusform>共 %n 家</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/establishments_page.py" line="234"/>
        <source>Address</source>
        <translation>地址</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/establishments_page.py" line="237"/>
        <source>Credit code</source>
        <translation>统一社会信用代码</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/establishments_page.py" line="238"/>
        <source>Legal representative</source>
        <translation>法定代表人</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/establishments_page.py" line="239"/>
        <source>Responsible person&apos;s ID no.</source>
        <translation>负责人身份证号</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/establishments_page.py" line="240"/>
        <source>Contact</source>
        <translation>联系人</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/establishments_page.py" line="241"/>
        <source>Phone</source>
        <translation>联系电话</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/establishments_page.py" line="242"/>
        <source>Risk grade</source>
        <translation>风险等级</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/establishments_page.py" line="246"/>
        <source>Draft</source>
        <translation>草稿</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/establishments_page.py" line="247"/>
        <source>Not inspected yet</source>
        <translation>尚未检查</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/establishments_page.py" line="248"/>
        <source>None</source>
        <translation>无</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/establishments_page.py" line="253"/>
        <source>Rectify by</source>
        <translation>整改期限</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/establishments_page.py" line="254"/>
        <source>Re-inspect</source>
        <translation>复查</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/establishments_page.py" line="260"/>
        <source>Not yet confirmed by the district register</source>
        <translation>尚未经区局名录确认（临时登记）</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/establishments_page.py" line="262"/>
        <source>Inspections</source>
        <translation>检查记录</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/establishments_page.py" line="263"/>
        <source>Open rectification orders</source>
        <translation>整改未完成的责令改正通知书</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/establishments_page.py" line="274"/>
        <source>re-inspection found it not rectified</source>
        <translation>复查仍未整改</translation>
    </message>
</context>
<context>
    <name>FinalizeDialog</name>
    <message>
        <location filename="../../inspector_app/gui/finalize_dialog.py" line="55"/>
        <source>Finish the inspection — {0}</source>
        <translation>完成检查 — {0}</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/finalize_summary.py" line="62"/>
        <source>Result</source>
        <translation>检查结果</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/finalize_summary.py" line="76"/>
        <source>Fix everything below by</source>
        <translation>以下问题请于此日前整改完毕</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/finalize_summary.py" line="82"/>
        <source>Items below go to a case for investigation (依法立案调查).</source>
        <translation>下列标明的问题依法立案调查。</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/finalize_summary.py" line="88"/>
        <source>What must be fixed ({0})</source>
        <translation>需要整改的问题（{0} 项）</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/finalize_summary.py" line="89"/>
        <source>Nothing must be fixed.</source>
        <translation>没有需要整改的问题。</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/finalize_dialog.py" line="81"/>
        <source>Inspector {0}: {1}</source>
        <translation>检查人员{0}：{1}</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/finalize_dialog.py" line="83"/>
        <source>Operator</source>
        <translation>经营者</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/finalize_dialog.py" line="90"/>
        <source>Signatures</source>
        <translation>签字</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/finalize_dialog.py" line="114"/>
        <source>The operator&apos;s refusal is recorded already.</source>
        <translation>已记录经营者拒绝签字。</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/finalize_dialog.py" line="116"/>
        <source>Signed already.</source>
        <translation>已签字。</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/finalize_dialog.py" line="124"/>
        <source>{0} (enforcement credential {1}) signs below.</source>
        <translation>{0}（执法证号 {1}）请在下方签字。</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/finalize_dialog.py" line="128"/>
        <source>Sign here: {0}</source>
        <translation>请在此签字：{0}</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/finalize_dialog.py" line="139"/>
        <source>The operator or their representative reads the summary and signs below.</source>
        <translation>请经营者或其代表阅读上述结果后在下方签字。</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/finalize_dialog.py" line="142"/>
        <source>Operator signs here</source>
        <translation>经营者在此签字</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/finalize_dialog.py" line="146"/>
        <source>Operator refuses to sign…</source>
        <translation>经营者拒绝签字…</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/finalize_dialog.py" line="160"/>
        <source>The operator refuses to sign. Write down the reason and a witness (Order 49, Art. 34); the refusal goes into the record.</source>
        <translation>经营者拒绝签字。请记录拒签原因和见证人（《食品生产经营监督检查管理办法》第三十四条），拒签情况记入检查记录。</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/finalize_dialog.py" line="167"/>
        <source>What the operator said</source>
        <translation>经营者的陈述</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/finalize_dialog.py" line="172"/>
        <source>optional</source>
        <translation>选填</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/finalize_dialog.py" line="176"/>
        <source>Reason</source>
        <translation>拒签原因</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/finalize_dialog.py" line="177"/>
        <source>Witness name</source>
        <translation>见证人姓名</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/finalize_dialog.py" line="178"/>
        <source>Witness ID number</source>
        <translation>见证人身份证号</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/finalize_dialog.py" line="181"/>
        <source>Back to the signature pad</source>
        <translation>返回签字板</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/finalize_dialog.py" line="190"/>
        <source>Clear</source>
        <translation>清除</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/finalize_dialog.py" line="196"/>
        <source>Next signer</source>
        <translation>下一位签字</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/finalize_dialog.py" line="235"/>
        <source>The operator has seen this summary. After finalizing, the record cannot be changed.</source>
        <translation>经营者已阅读以上结果。完成后记录不可再修改。</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/finalize_dialog.py" line="240"/>
        <source>Back to the checklist</source>
        <translation>返回检查表</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/finalize_dialog.py" line="247"/>
        <source>Finalize</source>
        <translation>完成检查</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/finalize_dialog.py" line="271"/>
        <source>Operator: refuses</source>
        <translation>经营者：拒绝签字</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/finalize_dialog.py" line="280"/>
        <source>Still to sign: {0}</source>
        <translation>尚未签字：{0}</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/finalize_dialog.py" line="282"/>
        <source>Tick the confirmation, then finalize.</source>
        <translation>请勾选确认后完成检查。</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/finalize_dialog.py" line="284"/>
        <source>Ready to finalize.</source>
        <translation>可以完成检查。</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/finalize_dialog.py" line="303"/>
        <source>Finalizing…</source>
        <translation>正在完成…</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/finalize_dialog.py" line="324"/>
        <source>Leave without finalizing?</source>
        <translation>不完成就离开吗？</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/finalize_dialog.py" line="325"/>
        <source>The signatures on this screen will be discarded. Your answers stay saved.</source>
        <translation>本页上的签字将被放弃，已填写的检查结果仍然保存。</translation>
    </message>
</context>
<context>
    <name>InspectionPage</name>
    <message>
        <location filename="../../inspector_app/gui/inspection_header.py" line="32"/>
        <source>Back</source>
        <translation>返回</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/inspection_header.py" line="52"/>
        <source>A latent incident risk (stop operations at once)</source>
        <translation>存在食品安全事故隐患（立即停止食品生产经营活动）</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/inspection_header.py" line="56"/>
        <source>Tick when a latent food-safety incident risk is found: operations then stop at once (立即停止), whatever the result (Order 49 Art. 31 ¶2).</source>
        <translation>发现有发生食品安全事故潜在风险时勾选：无论检查结果如何，食品生产经营者应当立即停止食品生产经营活动（《食品生产经营监督检查管理办法》第三十一条第二款）。</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/inspection_header.py" line="64"/>
        <source>Every answer is written to this laptop as soon as you give it.</source>
        <translation>每一项结果填写后立即保存在本机。</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/inspection_header.py" line="86"/>
        <source>Start amendment</source>
        <translation>更正（新建更正记录）</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/inspection_header.py" line="91"/>
        <source>Open the amendment</source>
        <translation>打开更正记录</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/inspection_page.py" line="133"/>
        <source>No inspection is open. Start one from Today or Establishments, or resume a draft from Today.</source>
        <translation>没有打开的检查。请从“今日”或“经营主体”开始检查，或在“今日”继续草稿。</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/inspection_page.py" line="160"/>
        <source>Keys: 1 compliant · 2 non-compliant · 3 not applicable · ↑↓ move · Enter next · I guidance</source>
        <translation>按键：1 符合 · 2 不符合 · 3 合理缺项 · ↑↓ 移动 · 回车 下一项 · I 检查指引</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/inspection_page.py" line="168"/>
        <source>One item at a time</source>
        <translation>逐项显示</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/inspection_page.py" line="173"/>
        <source>Show one item at a time, or the whole section</source>
        <translation>逐项显示或显示整个部分</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/inspection_page.py" line="176"/>
        <source>Finish and sign…</source>
        <translation>完成并签字…</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/inspection_page.py" line="182"/>
        <source>Check that everything is answered, then sign (Ctrl+Enter)</source>
        <translation>检查是否全部填写，然后签字（Ctrl+回车）</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/inspection_page.py" line="201"/>
        <source>Opening…</source>
        <translation>正在打开…</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/inspection_header.py" line="108"/>
        <source>Amendment</source>
        <translation>更正记录</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/inspection_header.py" line="118"/>
        <source>Finalized on {0}: {1}. This record can no longer be changed.</source>
        <translation>已于 {0} 完成：{1}。此记录不可再修改。</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/inspection_header.py" line="120"/>
        <source>It was corrected by a later amendment.</source>
        <translation>此记录已被后来的更正记录更正。</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/inspection_header.py" line="121"/>
        <source>To correct it, start an amendment.</source>
        <translation>如需更正，请新建更正记录。</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/item_navigation.py" line="50"/>
        <source>{0} of {1} answered</source>
        <translation>已填 {0} / {1} 项</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/item_navigation.py" line="52"/>
        <source>{0} non-compliant</source>
        <translation>{0} 项不符合</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/inspection_header.py" line="140"/>
        <source>Not checked yet</source>
        <translation>尚未检查</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/inspection_header.py" line="146"/>
        <source>So far:</source>
        <translation>目前：</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/answer_saving.py" line="86"/>
        <source>Read-only</source>
        <translation>只读</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/answer_saving.py" line="89"/>
        <source>Not saved</source>
        <translation>未保存</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/answer_saving.py" line="93"/>
        <source>Saving…</source>
        <translation>正在保存…</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/answer_saving.py" line="96"/>
        <source>Saved</source>
        <translation>已保存</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/inspection_photos.py" line="27"/>
        <source>Choose photos</source>
        <translation>选择照片</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/inspection_photos.py" line="28"/>
        <source>Images ({0})</source>
        <translation>图片（{0}）</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/finish_flow.py" line="108"/>
        <source>Starting the amendment…</source>
        <translation>正在新建更正记录…</translation>
    </message>
</context>
<context>
    <name>ItemWidget</name>
    <message>
        <location filename="../../inspector_app/gui/item_card.py" line="107"/>
        <source>Add note</source>
        <translation>添加说明</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/item_card.py" line="113"/>
        <location filename="../../inspector_app/gui/item_card.py" line="298"/>
        <source>Add photo…</source>
        <translation>添加照片…</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/item_card.py" line="117"/>
        <source>Choose photos, or drag image files onto this item</source>
        <translation>选择照片，或把图片文件拖到本项上</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/item_card.py" line="172"/>
        <source>Note: what exactly is wrong, where, how many</source>
        <translation>说明：具体问题、位置、数量</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/item_card.py" line="135"/>
        <source>Key</source>
        <translation>重点项</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/item_card.py" line="137"/>
        <source>Key item (重点项): a failure weighs heavily on the result</source>
        <translation>重点项：不符合时对检查结果影响很大</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/item_card.py" line="149"/>
        <source>For the record</source>
        <translation>仅记录</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/item_card.py" line="151"/>
        <source>Recorded only; it does not count for the result</source>
        <translation>仅作记录，不计入检查结果</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/item_card.py" line="159"/>
        <source>How to check, and the legal basis (key I)</source>
        <translation>检查方法和法律依据（按键 I）</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/item_card.py" line="201"/>
        <source>How to check</source>
        <translation>检查方法</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/item_card.py" line="201"/>
        <source>Legal basis</source>
        <translation>法律依据</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/item_card.py" line="298"/>
        <source>Add photo (needed)…</source>
        <translation>添加照片（必需）…</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../inspector_app/gui/main_window.py" line="46"/>
        <source>Food safety inspection</source>
        <translation>食品安全监督检查</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/main_window.py" line="71"/>
        <source>Verify a notice…</source>
        <translation>核验执法文书…</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/main_window.py" line="113"/>
        <source>Today</source>
        <translation>今日</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/main_window.py" line="113"/>
        <source>Establishments</source>
        <translation>经营主体</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/main_window.py" line="114"/>
        <source>Inspection</source>
        <translation>检查</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/main_window.py" line="114"/>
        <source>Sync</source>
        <translation>同步</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/main_window.py" line="173"/>
        <source>Print notices…</source>
        <translation>打印执法文书…</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/main_window.py" line="70"/>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/main_window.py" line="73"/>
        <source>Settings…</source>
        <translation>设置…</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/main_window.py" line="75"/>
        <source>Lock now</source>
        <translation>立即锁定</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/main_window.py" line="76"/>
        <source>Quit</source>
        <translation>退出</translation>
    </message>
    <message numerus="yes">
        <location filename="../../inspector_app/gui/main_window.py" line="202"/>
        <source>%n record(s) not yet sent</source>
        <translation>
            <numerusform>%n 条记录待同步</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/main_window.py" line="204"/>
        <source>last acknowledged {0}</source>
        <translation>最近确认 {0}</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/main_window.py" line="202"/>
        <source>Everything synced</source>
        <translation>全部已同步</translation>
    </message>
</context>
<context>
    <name>MissingModel</name>
    <message>
        <location filename="../../inspector_app/gui/section_list.py" line="247"/>
        <source>needs a photo</source>
        <translation>需要照片</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/section_list.py" line="247"/>
        <source>needs an answer</source>
        <translation>需要填写</translation>
    </message>
</context>
<context>
    <name>NoticeDialog</name>
    <message>
        <location filename="../../inspector_app/gui/notice_dialog.py" line="102"/>
        <source>Notice — preview, print, save</source>
        <translation>执法文书 — 预览、打印、保存</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/notice_dialog.py" line="106"/>
        <source>80 mm thermal roll</source>
        <translation>80 毫米热敏纸</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/notice_dialog.py" line="118"/>
        <source>Print…</source>
        <translation>打印…</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/notice_dialog.py" line="120"/>
        <source>Save as PDF…</source>
        <translation>保存为 PDF…</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/notice_dialog.py" line="121"/>
        <source>Seal or seize…</source>
        <translation>查封、扣押…</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/notice_dialog.py" line="122"/>
        <source>List what the bureau seals or seizes on this stop; the coercive-measures decision then prints</source>
        <translation>列出本次停止生产经营时本局查封、扣押的场所、设施、财物，然后可打印实施行政强制措施决定书</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/notice_dialog.py" line="126"/>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/notice_dialog.py" line="131"/>
        <source>Document</source>
        <translation>文书</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/notice_dialog.py" line="133"/>
        <source>Paper</source>
        <translation>纸张</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/notice_dialog.py" line="169"/>
        <source>Result record (监督检查结果记录表)</source>
        <translation>监督检查结果记录表</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/notice_dialog.py" line="170"/>
        <source>On-site record (现场检查笔录)</source>
        <translation>现场检查笔录</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/notice_dialog.py" line="171"/>
        <source>Order to correct (责令改正通知书)</source>
        <translation>责令改正通知书</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/notice_dialog.py" line="172"/>
        <source>Coercive measures decision and list (实施行政强制措施决定书)</source>
        <translation>实施行政强制措施决定书（附场所/设施/财物清单）</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/notice_dialog.py" line="188"/>
        <source>Preparing the preview…</source>
        <translation>正在生成预览…</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/notice_dialog.py" line="207"/>
        <source>Preview: {0} page(s)</source>
        <translation>预览：共 {0} 页</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/notice_dialog.py" line="219"/>
        <source>Save as PDF</source>
        <translation>保存为 PDF</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/notice_dialog.py" line="236"/>
        <source>Printed as a copy (副本).</source>
        <translation>已按副本打印。</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/notice_dialog.py" line="236"/>
        <source>Printed.</source>
        <translation>已打印。</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/notice_dialog.py" line="250"/>
        <source>Saved to {0}</source>
        <translation>已保存到 {0}</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/notice_dialog.py" line="256"/>
        <source>The printer could not be opened.</source>
        <translation>无法打开打印机。</translation>
    </message>
</context>
<context>
    <name>NumberItem</name>
    <message>
        <location filename="../../inspector_app/gui/item_kinds.py" line="145"/>
        <source>allowed {0} – {1}</source>
        <translation>允许范围 {0} – {1}</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/item_kinds.py" line="147"/>
        <source>at least {0}</source>
        <translation>不少于 {0}</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/item_kinds.py" line="149"/>
        <source>at most {0}</source>
        <translation>不超过 {0}</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/item_kinds.py" line="153"/>
        <source>Enter a number, e.g. 130</source>
        <translation>请输入数字，例如 130</translation>
    </message>
</context>
<context>
    <name>PhotoStrip</name>
    <message>
        <location filename="../../inspector_app/gui/photo_strip.py" line="58"/>
        <source>Add photo…</source>
        <translation>添加照片…</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/photo_strip.py" line="61"/>
        <source>Choose photos, or drag image files onto this item</source>
        <translation>选择照片，或把图片文件拖到本项上</translation>
    </message>
</context>
<context>
    <name>PhotoViewer</name>
    <message>
        <location filename="../../inspector_app/gui/photo_strip.py" line="113"/>
        <source>Photo</source>
        <translation>照片</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/photo_strip.py" line="120"/>
        <source>Remove photo…</source>
        <translation>删除照片…</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/photo_strip.py" line="122"/>
        <source>Take this photo off the draft (for example, a wrong photo)</source>
        <translation>从草稿中删除这张照片（例如拍错了）</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/photo_strip.py" line="126"/>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/photo_strip.py" line="141"/>
        <source>Remove this photo?</source>
        <translation>删除这张照片吗？</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/photo_strip.py" line="142"/>
        <source>The photo is taken off this draft inspection. The image file stays on this laptop.</source>
        <translation>照片将从本次检查草稿中移除，图片文件仍保留在本机。</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/photo_strip.py" line="147"/>
        <source>Remove photo</source>
        <translation>删除照片</translation>
    </message>
</context>
<context>
    <name>RegisterDialog</name>
    <message>
        <location filename="../../inspector_app/gui/register_dialog.py" line="24"/>
        <source>Register an establishment</source>
        <translation>登记经营主体</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/register_dialog.py" line="29"/>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/register_dialog.py" line="33"/>
        <source>Category</source>
        <translation>类别</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/register_dialog.py" line="38"/>
        <source>Township</source>
        <translation>镇乡街</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/register_dialog.py" line="39"/>
        <source>Village</source>
        <translation>村居</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/register_dialog.py" line="85"/>
        <source>Licence no. (JY/SC…)</source>
        <translation>许可证号（JY/SC…）</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/register_dialog.py" line="84"/>
        <source>{0} no.</source>
        <translation>{0}编号</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/register_dialog.py" line="44"/>
        <source>Unified social credit code</source>
        <translation>统一社会信用代码</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/register_dialog.py" line="45"/>
        <source>Legal representative</source>
        <translation>法定代表人</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/register_dialog.py" line="46"/>
        <source>Responsible person&apos;s ID no.</source>
        <translation>负责人身份证号</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/register_dialog.py" line="47"/>
        <source>Contact person</source>
        <translation>联系人</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/register_dialog.py" line="48"/>
        <source>Phone</source>
        <translation>联系电话</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/register_dialog.py" line="49"/>
        <source>Address</source>
        <translation>地址</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/register_dialog.py" line="54"/>
        <source>Risk grade</source>
        <translation>风险等级</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/register_dialog.py" line="58"/>
        <source>Register</source>
        <translation>登记</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/register_dialog.py" line="90"/>
        <source>(none)</source>
        <translation>（无）</translation>
    </message>
</context>
<context>
    <name>RelayPanel</name>
    <message>
        <location filename="../../inspector_app/gui/relay_panel.py" line="44"/>
        <source>Result</source>
        <translation>结果</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/relay_panel.py" line="46"/>
        <source>Direction</source>
        <translation>方向</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/relay_panel.py" line="47"/>
        <source>Laptop</source>
        <translation>笔记本</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/relay_panel.py" line="49"/>
        <source>Range</source>
        <translation>范围</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/relay_panel.py" line="51"/>
        <source>Change numbers from the laptop, or the district&apos;s update numbers</source>
        <translation>笔记本的变更编号，或区局的更新编号</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/relay_panel.py" line="53"/>
        <source>File</source>
        <translation>文件</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/relay_panel.py" line="55"/>
        <source>Note</source>
        <translation>说明</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/relay_panel.py" line="59"/>
        <source>Carry bundles between laptops and the district. The relay checks that each bundle is intact and who sent it; it cannot read what is inside.</source>
        <translation>在笔记本和区局之间转交同步包。转交时只检查同步包是否完好、由谁发送，无法读取内容。</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/relay_panel.py" line="63"/>
        <source>Collect from a drive…</source>
        <translation>从U盘收集…</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/relay_panel.py" line="64"/>
        <source>Deliver to a drive…</source>
        <translation>放到U盘…</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/relay_panel.py" line="65"/>
        <source>Also copy collected bundles for the district</source>
        <translation>同时复制收集到的同步包交给区局</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/relay_panel.py" line="80"/>
        <source>Choose the drive to collect bundles from</source>
        <translation>选择要收集同步包的U盘</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/relay_panel.py" line="88"/>
        <source>Collected: {0} intact, {1} already collected, {2} damaged.</source>
        <translation>已收集：{0} 个完好，{1} 个已收集过，{2} 个已损坏。</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/relay_panel.py" line="93"/>
        <source>Choose the drive to deliver bundles to</source>
        <translation>选择要放入同步包的U盘</translation>
    </message>
    <message numerus="yes">
        <location filename="../../inspector_app/gui/relay_panel.py" line="104"/>
        <source>Put %n bundle(s) on the drive.</source>
        <translation>
            <numerusform>已将 %n 个同步包放到U盘。</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/relay_panel.py" line="106"/>
        <source>Nothing to deliver to this drive.</source>
        <translation>没有需要放到此U盘的同步包。</translation>
    </message>
</context>
<context>
    <name>Runner</name>
    <message>
        <location filename="../../inspector_app/gui/runner.py" line="191"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
</context>
<context>
    <name>SealingDialog</name>
    <message>
        <location filename="../../inspector_app/gui/sealing_dialog.py" line="43"/>
        <source>Seal or seize (查封、扣押)</source>
        <translation>实施查封、扣押</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/sealing_dialog.py" line="48"/>
        <source> days</source>
        <translation> 日</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/sealing_dialog.py" line="50"/>
        <source>Kind</source>
        <translation>类别</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/sealing_dialog.py" line="50"/>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/sealing_dialog.py" line="50"/>
        <source>Measure</source>
        <translation>措施</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/sealing_dialog.py" line="51"/>
        <source>Specification or place</source>
        <translation>规格、位置</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/sealing_dialog.py" line="51"/>
        <source>Quantity</source>
        <translation>数量</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/sealing_dialog.py" line="54"/>
        <source>Add a line</source>
        <translation>添加一行</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/sealing_dialog.py" line="55"/>
        <source>Remove the line</source>
        <translation>删除该行</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/sealing_dialog.py" line="62"/>
        <source>Period</source>
        <translation>期限</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/sealing_dialog.py" line="68"/>
        <source>What the bureau seals or seizes; the decision and its list print from this. Places and facilities are sealed; goods may be seized.</source>
        <translation>本局查封、扣押的场所、设施、财物；实施行政强制措施决定书及其清单据此打印。场所、设施只能查封，财物可以查封或扣押。</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/sealing_dialog.py" line="82"/>
        <source>Place (场所)</source>
        <translation>场所</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/sealing_dialog.py" line="82"/>
        <source>Facility (设施)</source>
        <translation>设施</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/sealing_dialog.py" line="83"/>
        <source>Goods (财物)</source>
        <translation>财物</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/sealing_dialog.py" line="87"/>
        <source>Seal (查封)</source>
        <translation>查封</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/sealing_dialog.py" line="87"/>
        <source>Seize (扣押)</source>
        <translation>扣押</translation>
    </message>
</context>
<context>
    <name>SectionColumn</name>
    <message>
        <location filename="../../inspector_app/gui/section_list.py" line="272"/>
        <source>Sections</source>
        <translation>检查部分</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/section_list.py" line="330"/>
        <source>Still needed before finishing: {0}. Click one to go there.</source>
        <translation>完成前还需处理 {0} 项，点击可跳转。</translation>
    </message>
</context>
<context>
    <name>SectionModel</name>
    <message>
        <location filename="../../inspector_app/gui/section_list.py" line="104"/>
        <source>{0}: {1} of {2} answered, key items {3} of {4}, {5} non-compliant</source>
        <translation>{0}：已填 {1}/{2} 项，重点项 {3}/{4}，{5} 项不符合</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <location filename="../../inspector_app/gui/settings_dialog.py" line="72"/>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/settings_dialog.py" line="93"/>
        <source>Data folder</source>
        <translation>数据文件夹</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/settings_dialog.py" line="96"/>
        <source>Language and text size apply the next time the app starts.</source>
        <translation>语言和字号在下次启动时生效。</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/settings_dialog.py" line="131"/>
        <source>Change…</source>
        <translation>更改…</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/settings_dialog.py" line="141"/>
        <source>Choose the data folder</source>
        <translation>选择数据文件夹</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/settings_dialog.py" line="154"/>
        <source>The app uses this folder from the next start; until then it keeps working in the current one.</source>
        <translation>下次启动起使用这个文件夹；在此之前仍在当前文件夹中工作。</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/settings_dialog.py" line="156"/>
        <source>This folder already holds data: the next start opens it.</source>
        <translation>这个文件夹里已有数据：下次启动时打开它。</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/settings_dialog.py" line="157"/>
        <source>This folder holds no data yet: the next start begins with an empty store there. To take your records along, quit the app and copy the whole current data folder there first.</source>
        <translation>这个文件夹里还没有数据：下次启动时会在那里新建一个空的数据库。要带上现有记录，请先退出程序，把整个当前数据文件夹复制过去。</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/settings_dialog.py" line="161"/>
        <source>This start was given its folder with --data-dir or INSPECTOR_HOME, which takes precedence while it is used.</source>
        <translation>本次启动通过 --data-dir 或 INSPECTOR_HOME 指定了文件夹；只要仍这样指定，就以它为准。</translation>
    </message>
</context>
<context>
    <name>SignInPage</name>
    <message>
        <location filename="../../inspector_app/gui/signin.py" line="80"/>
        <source>Food safety inspection</source>
        <translation>食品安全监督检查</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/signin.py" line="85"/>
        <location filename="../../inspector_app/gui/signin.py" line="200"/>
        <source>Sign in to start inspecting.</source>
        <translation>登录后开始检查。</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/signin.py" line="92"/>
        <source>Opening the data folder…</source>
        <translation>正在打开数据文件夹…</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/signin.py" line="93"/>
        <source>Sign in</source>
        <translation>登录</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/signin.py" line="99"/>
        <source>Use another data folder…</source>
        <translation>使用其他数据文件夹…</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/signin.py" line="110"/>
        <source>User</source>
        <translation>用户</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/signin.py" line="111"/>
        <source>Password</source>
        <translation>密码</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/signin.py" line="158"/>
        <source>There are no users yet. Ask your market supervision office (市场监管所) or the district bureau (区局) to add you, or run `inspector users add` on this laptop.</source>
        <translation>还没有用户。请联系所在市场监管所或区局添加，或在本机运行 `inspector users add`。</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/signin.py" line="171"/>
        <source>Choose the data folder</source>
        <translation>选择数据文件夹</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/signin.py" line="179"/>
        <source>Start the app again to use {0}.</source>
        <translation>请重新启动程序以使用 {0}。</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/signin.py" line="181"/>
        <source>This start was given its folder with --data-dir or INSPECTOR_HOME, which takes precedence while it is used.</source>
        <translation>本次启动通过 --data-dir 或 INSPECTOR_HOME 指定了文件夹；只要仍这样指定，就以它为准。</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/signin.py" line="189"/>
        <source>Locked after a pause. Enter your password to continue.</source>
        <translation>长时间未操作已锁定。请输入密码继续。</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/signin.py" line="212"/>
        <source>Checking the password…</source>
        <translation>正在核对密码…</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/signin.py" line="227"/>
        <source>Wrong password. Try again. A user added without a password gets one with `inspector users passwd`.</source>
        <translation>密码错误，请重试。没有设置密码的用户可用 `inspector users passwd` 设置密码。</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/signin.py" line="231"/>
        <source>Signing in…</source>
        <translation>正在登录…</translation>
    </message>
</context>
<context>
    <name>SignaturePad</name>
    <message>
        <location filename="../../inspector_app/gui/signature_pad.py" line="30"/>
        <source>Sign here</source>
        <translation>请在此签字</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/signature_pad.py" line="36"/>
        <source>Sign with a finger, a pen or the mouse</source>
        <translation>可用手指、手写笔或鼠标签字</translation>
    </message>
</context>
<context>
    <name>StartInspectionDialog</name>
    <message>
        <location filename="../../inspector_app/gui/start_dialog.py" line="32"/>
        <source>Start an inspection</source>
        <translation>开始检查</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/start_dialog.py" line="32"/>
        <source>Re-inspect the order&apos;s items</source>
        <translation>复查责令改正的项目</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/start_dialog.py" line="41"/>
        <source>A latent incident risk is already evident (stop operations at once)</source>
        <translation>已发现食品安全事故隐患（立即停止食品生产经营活动）</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/start_dialog.py" line="46"/>
        <source>Start inspection</source>
        <translation>开始检查</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/start_dialog.py" line="52"/>
        <source>Checklist</source>
        <translation>检查表</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/start_dialog.py" line="53"/>
        <source>Purpose</source>
        <translation>检查类型</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/start_dialog.py" line="58"/>
        <source>With (two inspectors at least)</source>
        <translation>同行检查人员（至少两人）</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/start_dialog.py" line="82"/>
        <source>No checklist is installed for this kind of establishment.</source>
        <translation>本机没有适用于此类经营主体的检查表。</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/start_dialog.py" line="94"/>
        <source>Choose the second inspector: an inspection needs two.</source>
        <translation>请选择第二名检查人员：检查需要两人以上。</translation>
    </message>
</context>
<context>
    <name>SyncNowBar</name>
    <message>
        <location filename="../../inspector_app/gui/sync_now.py" line="38"/>
        <location filename="../../inspector_app/gui/sync_now.py" line="100"/>
        <source>never</source>
        <translation>从未</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/sync_now.py" line="40"/>
        <source>yyyy-MM-dd HH:mm</source>
        <comment>date-time format for QDateTime::toString</comment>
        <translation>yyyy年M月d日 HH:mm</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/sync_now.py" line="57"/>
        <source>Nothing on this laptop was lost: every change stays until the district acknowledges it.</source>
        <translation>本机没有丢失任何数据：区局确认之前，本机会保留每一条变更。</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/sync_now.py" line="54"/>
        <source>Check the network and the district&apos;s sync address in Settings, then sync again.</source>
        <translation>请检查网络和“设置”中的区局同步服务网址，然后再同步。</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/sync_now.py" line="83"/>
        <source>Sync now</source>
        <translation>立即同步</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/sync_now.py" line="93"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/sync_now.py" line="98"/>
        <source>Last network sync</source>
        <translation>上次联网同步</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/sync_now.py" line="134"/>
        <source>Available once this laptop is enrolled with the district.</source>
        <translation>本机在区局注册后才能联网同步。</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/sync_now.py" line="136"/>
        <source>Set the district&apos;s sync address in Settings to sync over the network; until then, use a USB drive.</source>
        <translation>请在“设置”中填写区局同步服务网址后联网同步；在此之前请用U盘同步。</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/sync_now.py" line="143"/>
        <source>Send this laptop&apos;s changes to {0} and fetch the district&apos;s reply.</source>
        <translation>把本机的变更发送到 {0}，并取回区局的回复。</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/sync_now.py" line="155"/>
        <source>Connecting to the district…</source>
        <translation>正在连接区局…</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/sync_now.py" line="160"/>
        <source>Syncing…</source>
        <translation>正在同步…</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/sync_now.py" line="160"/>
        <source>Asking the district what it has for this laptop…</source>
        <translation>正在向区局查询给本机的内容…</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/sync_now.py" line="161"/>
        <source>Sending to the district…</source>
        <translation>正在发送到区局…</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/sync_now.py" line="162"/>
        <source>Done</source>
        <translation>完成</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/sync_now.py" line="162"/>
        <source>Fetching and applying the district&apos;s reply…</source>
        <translation>正在取回并应用区局的回复…</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/sync_now.py" line="179"/>
        <source>Stopping at a safe point…</source>
        <translation>正在安全处停止…</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/sync_now.py" line="201"/>
        <source>Sync cancelled. What the district had already confirmed is kept; everything else stays on this laptop for the next sync.</source>
        <translation>已取消同步。区局已确认的部分保留；其余变更留在本机，下次同步时发送。</translation>
    </message>
    <message numerus="yes">
        <location filename="../../inspector_app/gui/sync_now.py" line="204"/>
        <source>Sent %n bundle(s)</source>
        <translation>
            <numerusform>已发送 %n 个同步包</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../inspector_app/gui/sync_now.py" line="205"/>
        <source>, received %n.</source>
        <translation>
            <numerusform>，收到 %n 个。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../inspector_app/gui/sync_now.py" line="207"/>
        <source>%n change(s) still wait for the district&apos;s acknowledgement.</source>
        <translation>
            <numerusform>还有 %n 条变更等待区局确认。</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/sync_now.py" line="208"/>
        <source>The district has acknowledged every change.</source>
        <translation>区局已确认全部变更。</translation>
    </message>
</context>
<context>
    <name>SyncPage</name>
    <message>
        <location filename="../../inspector_app/gui/sync_texts.py" line="30"/>
        <source>yyyy-MM-dd</source>
        <comment>date format for QDate::toString</comment>
        <translation>yyyy年M月d日</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/sync_texts.py" line="35"/>
        <source>Establishments</source>
        <translation>经营主体</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/sync_texts.py" line="36"/>
        <source>Inspections (answers, photos, signatures)</source>
        <translation>检查（结果、照片、签字）</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/sync_texts.py" line="37"/>
        <source>Rectification orders</source>
        <translation>责令改正通知书</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/sync_texts.py" line="38"/>
        <source>Inspector accounts</source>
        <translation>检查人员账户</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/sync_texts.py" line="51"/>
        <source>This laptop is not enrolled with the district yet, so it cannot export or import. Ask the district for an enrolment file, then click “Enrol this laptop…”.</source>
        <translation>本机尚未在区局注册，无法导出或导入。请向区局索取注册文件，然后点击“注册本机…”。</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/sync_texts.py" line="61"/>
        <source>The data on this laptop is unchanged: every change stays until the district acknowledges it.</source>
        <translation>本机数据未受影响：每条变更都会保留，直到区局确认。</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/sync_texts.py" line="71"/>
        <source>The USB drive is full: delete old files from it (or use another drive) and export again.</source>
        <translation>U盘已满：请删除旧文件（或换一个U盘）后重新导出。</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/sync_texts.py" line="74"/>
        <source>The USB drive is read-only or write-protected: check its lock switch or use another drive, then export again.</source>
        <translation>U盘只读或写保护：请检查写保护开关或换一个U盘，然后重新导出。</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/sync_texts.py" line="77"/>
        <source>The USB drive was removed or cannot be written: plug it in again and export again.</source>
        <translation>U盘已拔出或无法写入：请重新插入后再导出。</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/sync_texts.py" line="80"/>
        <source>Writing to the USB drive failed ({0}): check the drive and export again.</source>
        <translation>写入U盘失败（{0}）：请检查U盘后重新导出。</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/sync_texts.py" line="84"/>
        <source>The copy on the USB drive did not read back intact: use another drive and export again.</source>
        <translation>U盘上的文件回读校验失败：请换一个U盘重新导出。</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/sync_texts.py" line="96"/>
        <source>The district acknowledged changes up to no. {0}; {1} register row(s) updated.</source>
        <translation>区局已确认到第 {0} 条变更；更新了 {1} 条名录记录。</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/sync_texts.py" line="105"/>
        <source>Imported before; nothing changed.</source>
        <translation>以前已导入；没有变化。</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/sync_texts.py" line="109"/>
        <source>Cancelled before this file; nothing changed.</source>
        <translation>在处理此文件前已取消；没有变化。</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/sync_texts.py" line="112"/>
        <source>Nothing was changed on this laptop; the file is kept in sync/rejected.</source>
        <translation>本机数据没有任何改动；文件保留在 sync/rejected。</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/sync_texts.py" line="117"/>
        <source>✓ Applied</source>
        <translation>✓ 已应用</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/sync_texts.py" line="117"/>
        <source>= Already imported</source>
        <translation>= 已导入过</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/sync_texts.py" line="118"/>
        <source>⏸ Held</source>
        <translation>⏸ 暂存</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/sync_texts.py" line="118"/>
        <source>✗ Refused</source>
        <translation>✗ 已拒绝</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/sync_texts.py" line="119"/>
        <source>✗ Not imported</source>
        <translation>✗ 未导入</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/sync_texts.py" line="119"/>
        <source>– Cancelled</source>
        <translation>– 已取消</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/sync_texts.py" line="120"/>
        <source>✓ Intact</source>
        <translation>✓ 完好</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/sync_texts.py" line="120"/>
        <source>✗ Damaged</source>
        <translation>✗ 已损坏</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/sync_texts.py" line="121"/>
        <source>→ Put on the drive</source>
        <translation>→ 已放到U盘</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/sync_page.py" line="82"/>
        <source>Outbox</source>
        <translation>待发送</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/sync_page.py" line="83"/>
        <source>Imported</source>
        <translation>已导入</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/sync_page.py" line="87"/>
        <source>Relay (clerk)</source>
        <translation>转交（市场监管所）</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/sync_status.py" line="50"/>
        <source>What</source>
        <translation>内容</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/sync_status.py" line="51"/>
        <source>Drafts stay on this laptop until they are finalized; then the whole signed record goes out.</source>
        <translation>草稿完成前只保存在本机；完成后整份签字记录一起发出。</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/sync_status.py" line="54"/>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/sync_status.py" line="55"/>
        <source>Waiting for acknowledgement</source>
        <translation>等待确认</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/sync_status.py" line="56"/>
        <source>✗ Refused by the district</source>
        <translation>✗ 区局拒收</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/sync_status.py" line="58"/>
        <source>Changes</source>
        <translation>变更数</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/sync_status.py" line="59"/>
        <source>Records</source>
        <translation>记录数</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/sync_status.py" line="60"/>
        <source>Oldest</source>
        <translation>最早</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/sync_status.py" line="61"/>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/sync_page.py" line="94"/>
        <source>File</source>
        <translation>文件</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/sync_page.py" line="95"/>
        <source>Result</source>
        <translation>结果</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/sync_page.py" line="97"/>
        <source>What happened</source>
        <translation>处理情况</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/sync_page.py" line="103"/>
        <source>Import a file…</source>
        <translation>导入文件…</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/sync_page.py" line="104"/>
        <source>Import from USB drive…</source>
        <translation>从U盘导入…</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/sync_page.py" line="105"/>
        <source>Export to USB drive…</source>
        <translation>导出到U盘…</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/sync_page.py" line="145"/>
        <source>Outbox ({0})</source>
        <translation>待发送（{0}）</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/sync_page.py" line="146"/>
        <source>Outbox ({0}, {1} refused)</source>
        <translation>待发送（{0}，{1} 条被拒）</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/sync_page.py" line="155"/>
        <source>Conflicts to review</source>
        <translation>待处理冲突</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/sync_page.py" line="157"/>
        <source>Conflicts to review ({0})</source>
        <translation>待处理冲突（{0}）</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/sync_page.py" line="207"/>
        <source>Choose the enrolment file from the district, or a photo of its QR code</source>
        <translation>选择区局发来的注册文件，或其二维码的照片</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/sync_page.py" line="210"/>
        <source>Enrolment files and QR photos (*.json *.txt *.png *.jpg *.jpeg *.pdf);;All files (*)</source>
        <translation>注册文件和二维码照片 (*.json *.txt *.png *.jpg *.jpeg *.pdf);;所有文件 (*)</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/sync_page.py" line="220"/>
        <source>This laptop is now enrolled with {0} as {1}. You can export to a USB drive.</source>
        <translation>本机已在 {0} 注册为 {1}。现在可以导出到U盘。</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/sync_page.py" line="228"/>
        <source>Collecting the changes not yet acknowledged…</source>
        <translation>正在收集尚未确认的变更…</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/sync_page.py" line="229"/>
        <source>Adding photos…</source>
        <translation>正在添加照片…</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/sync_page.py" line="229"/>
        <source>Signing and encrypting…</source>
        <translation>正在签名和加密…</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/sync_page.py" line="230"/>
        <source>Writing to the USB drive…</source>
        <translation>正在写入U盘…</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/sync_page.py" line="231"/>
        <source>Writing to the USB drive and reading it back…</source>
        <translation>正在写入U盘并回读校验…</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/sync_page.py" line="232"/>
        <source>Checking the copy on the drive…</source>
        <translation>正在校验U盘上的文件…</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/sync_page.py" line="232"/>
        <location filename="../../inspector_app/gui/sync_page.py" line="269"/>
        <source>Done</source>
        <translation>完成</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/sync_page.py" line="238"/>
        <source>Choose the USB drive to export to</source>
        <translation>选择要导出到的U盘</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/sync_page.py" line="243"/>
        <source>Exporting… Do not remove the drive.</source>
        <translation>正在导出… 请勿拔出U盘。</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/sync_page.py" line="245"/>
        <source>Exporting to the USB drive…</source>
        <translation>正在导出到U盘…</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/sync_page.py" line="251"/>
        <source>Export cancelled. Nothing was written to the drive; the changes stay on this laptop.</source>
        <translation>已取消导出。U盘上没有写入任何内容；变更仍保存在本机。</translation>
    </message>
    <message numerus="yes">
        <location filename="../../inspector_app/gui/sync_page.py" line="254"/>
        <source>Wrote %n change(s) to {0} in {1}.</source>
        <translation>
            <numerusform>已将 %n 条变更写入 {1} 中的 {0}。</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/sync_page.py" line="256"/>
        <source>More changes are waiting: export again after the district&apos;s acknowledgement.</source>
        <translation>还有更多变更待发送：请在区局确认后再次导出。</translation>
    </message>
    <message numerus="yes">
        <location filename="../../inspector_app/gui/sync_page.py" line="258"/>
        <source>%n photo(s) did not fit or are missing and will go with a later export.</source>
        <translation>
            <numerusform>有 %n 张照片未能放入或缺失，将随以后的导出发送。</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/sync_page.py" line="260"/>
        <source>The changes stay on this laptop until the district acknowledges them.</source>
        <translation>在区局确认之前，变更一直保存在本机。</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/sync_page.py" line="261"/>
        <source>Safe to remove the drive.</source>
        <translation>可以安全拔出U盘。</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/sync_page.py" line="268"/>
        <source>Checking signatures…</source>
        <translation>正在验证签名…</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/sync_page.py" line="268"/>
        <source>Decrypting…</source>
        <translation>正在解密…</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/sync_page.py" line="269"/>
        <source>Applying…</source>
        <translation>正在应用…</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/sync_page.py" line="269"/>
        <source>{0} (file {1} of {2})</source>
        <translation>{0}（第 {1} 个文件，共 {2} 个）</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/sync_page.py" line="275"/>
        <source>Choose the USB drive to import from</source>
        <translation>选择要导入的U盘</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/sync_page.py" line="285"/>
        <source>No bundles for this laptop on the drive (looked in {0}). Ask the market supervision office (市场监管所) whether the district bureau&apos;s reply has arrived.</source>
        <translation>U盘上没有本机的同步包（已查找 {0}）。请向市场监管所询问区局的回复是否已到。</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/sync_page.py" line="293"/>
        <source>Choose bundles from the district</source>
        <translation>选择区局发来的同步包</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/sync_page.py" line="294"/>
        <source>Sync bundles (*.fsib)</source>
        <translation>同步包 (*.fsib)</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/sync_page.py" line="304"/>
        <source>Importing…</source>
        <translation>正在导入…</translation>
    </message>
    <message numerus="yes">
        <location filename="../../inspector_app/gui/sync_page.py" line="317"/>
        <source>%n file(s) could not be imported.</source>
        <translation>
            <numerusform>有 %n 个文件未能导入。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../inspector_app/gui/sync_page.py" line="321"/>
        <source>%n bundle(s) kept to apply later.</source>
        <translation>
            <numerusform>%n 个同步包已暂存，稍后应用。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../inspector_app/gui/sync_page.py" line="324"/>
        <source>Imported %n bundle(s) from the district.</source>
        <translation>
            <numerusform>已导入区局的 %n 个同步包。</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/sync_page.py" line="326"/>
        <source>Nothing new: these bundles were imported before.</source>
        <translation>没有新内容：这些同步包以前已导入。</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/relay_panel.py" line="27"/>
        <source>For the district</source>
        <translation>交给区局</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/relay_panel.py" line="28"/>
        <source>For a laptop</source>
        <translation>交给笔记本</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/relay_panel.py" line="31"/>
        <source>From a laptop</source>
        <translation>来自笔记本</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/relay_panel.py" line="33"/>
        <source>From the district</source>
        <translation>来自区局</translation>
    </message>
</context>
<context>
    <name>SyncSummary</name>
    <message>
        <location filename="../../inspector_app/gui/sync_status.py" line="71"/>
        <source>This laptop</source>
        <translation>本机</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/sync_status.py" line="90"/>
        <source>Not yet acknowledged</source>
        <translation>尚未确认</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/sync_status.py" line="91"/>
        <source>Device</source>
        <translation>设备</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/sync_status.py" line="92"/>
        <source>Oldest unacknowledged change</source>
        <translation>最早的未确认变更</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/sync_status.py" line="93"/>
        <source>Enrolment</source>
        <translation>注册</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/sync_status.py" line="94"/>
        <source>Last acknowledgement</source>
        <translation>最近确认</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/sync_status.py" line="95"/>
        <source>Last export</source>
        <translation>最近导出</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/sync_status.py" line="96"/>
        <source>Held bundles</source>
        <translation>暂存的同步包</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/sync_status.py" line="97"/>
        <source>Alarms</source>
        <translation>警报</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/sync_status.py" line="106"/>
        <source>Export and import are impossible until this laptop is enrolled with the district. Your work is saved on this laptop in the meantime.</source>
        <translation>本机在区局注册之前无法导出和导入。在此期间，工作内容都保存在本机。</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/sync_status.py" line="112"/>
        <source>Enrol this laptop…</source>
        <translation>注册本机…</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/sync_status.py" line="125"/>
        <source>Enrolled with {0} as {1}</source>
        <translation>已在 {0} 注册为 {1}</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/sync_status.py" line="126"/>
        <source>Not enrolled</source>
        <translation>未注册</translation>
    </message>
    <message numerus="yes">
        <location filename="../../inspector_app/gui/sync_status.py" line="131"/>
        <source>%n change(s)</source>
        <translation>
            <numerusform>%n 条变更</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/sync_status.py" line="134"/>
        <source>never</source>
        <translation>从未</translation>
    </message>
    <message numerus="yes">
        <location filename="../../inspector_app/gui/sync_status.py" line="138"/>
        <source>{0} · %n change(s)</source>
        <translation>
            <numerusform>{0} · %n 条变更</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/sync_status.py" line="143"/>
        <source>Bundles with a forged or misaddressed part were refused and recorded; tell the district.</source>
        <translation>含有伪造或错投内容的同步包已拒收并记录；请告知区局。</translation>
    </message>
</context>
<context>
    <name>Thumbnail</name>
    <message>
        <location filename="../../inspector_app/gui/photo_strip.py" line="33"/>
        <source>Photo — click to see it larger</source>
        <translation>照片 — 点击放大</translation>
    </message>
</context>
<context>
    <name>TodayPage</name>
    <message>
        <location filename="../../inspector_app/gui/today_page.py" line="73"/>
        <source>Inspections due</source>
        <translation>待检查</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/today_page.py" line="74"/>
        <location filename="../../inspector_app/gui/today_page.py" line="83"/>
        <location filename="../../inspector_app/gui/today_page.py" line="91"/>
        <source>Establishment</source>
        <translation>经营主体</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/today_page.py" line="75"/>
        <source>Category</source>
        <translation>类别</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/today_page.py" line="76"/>
        <source>Township</source>
        <translation>镇乡街</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/today_page.py" line="77"/>
        <source>Risk</source>
        <translation>风险</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/today_page.py" line="78"/>
        <source>Last inspected</source>
        <translation>上次检查</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/today_page.py" line="79"/>
        <source>never</source>
        <translation>从未</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/today_page.py" line="80"/>
        <source>Due</source>
        <translation>应检日期</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/today_page.py" line="81"/>
        <source>Start</source>
        <translation>开始检查</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/today_page.py" line="82"/>
        <source>Rectification deadlines</source>
        <translation>整改到期</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/today_page.py" line="84"/>
        <source>Items to fix</source>
        <translation>整改项目</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/today_page.py" line="85"/>
        <source>Deadline</source>
        <translation>整改期限</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/today_page.py" line="87"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/today_page.py" line="89"/>
        <source>Re-inspect</source>
        <translation>复查</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/today_page.py" line="90"/>
        <source>Drafts</source>
        <translation>草稿</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/today_page.py" line="92"/>
        <source>Checklist</source>
        <translation>检查表</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/today_page.py" line="93"/>
        <source>Started</source>
        <translation>开始时间</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/today_page.py" line="94"/>
        <source>Answered</source>
        <translation>已填项</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/today_page.py" line="95"/>
        <source>Resume</source>
        <translation>继续</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/today_page.py" line="98"/>
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/today_page.py" line="112"/>
        <source>re-inspection found it not rectified</source>
        <translation>复查仍未整改</translation>
    </message>
</context>
<context>
    <name>VerifyDialog</name>
    <message>
        <location filename="../../inspector_app/gui/verify_dialog.py" line="57"/>
        <source>Verify a notice</source>
        <translation>核验执法文书</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/verify_dialog.py" line="59"/>
        <source>Paste the address or the code from a notice&apos;s QR code, or choose the notice&apos;s PDF or a photo of it.</source>
        <translation>粘贴执法文书二维码中的网址或核验码，或选择执法文书的 PDF 文件或照片。</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/verify_dialog.py" line="61"/>
        <source>https://…/v/… or the code</source>
        <translation>https://…/v/… 或核验码</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/verify_dialog.py" line="64"/>
        <source>Choose a PDF or photo…</source>
        <translation>选择 PDF 或照片…</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/verify_dialog.py" line="79"/>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/verify_dialog.py" line="81"/>
        <source>Verify</source>
        <translation>核验</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/verify_dialog.py" line="104"/>
        <source>Choose a notice</source>
        <translation>选择执法文书</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/verify_dialog.py" line="116"/>
        <source>Checking…</source>
        <translation>正在核验…</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/verify_dialog.py" line="132"/>
        <source>Genuine</source>
        <translation>真实有效</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/verify_dialog.py" line="135"/>
        <source>Cannot be verified</source>
        <translation>无法核验</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/verify_dialog.py" line="139"/>
        <source>Address: {0}</source>
        <translation>网址：{0}</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/verify_dialog.py" line="151"/>
        <source>Why</source>
        <translation>原因</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/verify_dialog.py" line="154"/>
        <source>Document</source>
        <translation>文书</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/verify_dialog.py" line="155"/>
        <source>Establishment</source>
        <translation>经营者</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/verify_dialog.py" line="157"/>
        <source>Inspected on</source>
        <translation>检查日期</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/verify_dialog.py" line="158"/>
        <source>Result</source>
        <translation>检查结果</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/verify_dialog.py" line="159"/>
        <source>Handling</source>
        <translation>结果处理</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/verify_dialog.py" line="160"/>
        <source>Rectify by</source>
        <translation>整改期限</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/verify_dialog.py" line="162"/>
        <source>Number</source>
        <translation>编号</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/verify_dialog.py" line="164"/>
        <source>Later inspection</source>
        <translation>后续检查</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/verify_dialog.py" line="164"/>
        <source>A later inspection of this establishment replaces this one.</source>
        <translation>该经营者已有更新的检查，本文书已被取代。</translation>
    </message>
</context>
<context>
    <name>_ValueItem</name>
    <message>
        <location filename="../../inspector_app/gui/item_kinds.py" line="95"/>
        <location filename="../../inspector_app/gui/item_kinds.py" line="118"/>
        <source>Not applicable</source>
        <translation>合理缺项</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/item_kinds.py" line="118"/>
        <source>Compliant</source>
        <translation>符合</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/item_kinds.py" line="118"/>
        <source>Non-compliant</source>
        <translation>不符合</translation>
    </message>
</context>
<context>
    <name>errors</name>
    <message>
        <location filename="../../inspector_app/gui/errors.py" line="32"/>
        <source>Check the unified social credit code printed on the licence.</source>
        <translation>请核对证照上的统一社会信用代码。</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/errors.py" line="33"/>
        <source>Check the number printed on the licence, registration certificate or filing certificate.</source>
        <translation>请核对许可证、登记证或备案证明上印的编号。</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/errors.py" line="47"/>
        <source>The file or folder could not be used: {0}. Check the drive and try again; your data on this laptop is unchanged.</source>
        <translation>无法使用该文件或文件夹：{0}。请检查磁盘后重试；本机数据未受影响。</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/errors.py" line="49"/>
        <source>Something unexpected went wrong. Your saved work is safe. Details were written to the log file: {0}</source>
        <translation>出现意外错误。已保存的工作不受影响。详细信息已写入日志文件：{0}</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/errors.py" line="50"/>
        <source>(log file)</source>
        <translation>（日志文件）</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/errors.py" line="64"/>
        <source>The data folder cannot be used. Check the drive; do not delete anything.</source>
        <translation>数据文件夹无法使用。请检查磁盘，不要删除任何文件。</translation>
    </message>
    <message>
        <location filename="../../inspector_app/gui/errors.py" line="80"/>
        <source>Could not finish</source>
        <translation>未能完成</translation>
    </message>
</context>
</TS>
