<?xml version='1.0' encoding='utf-8'?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>ActivitiesPage</name>
    <message>
        <location filename="../../gui/pages/activities_page.py" line="30" />
        <source>Activity register</source>
        <translation>活动登记表</translation>
    </message>
</context>
<context>
    <name>ActivityDialog</name>
    <message>
        <location filename="../../gui/dialogs/activity_dialog.py" line="24" />
        <source>New activity</source>
        <translation>新建活动</translation>
    </message>
    <message>
        <location filename="../../gui/dialogs/activity_dialog.py" line="24" />
        <source>Edit activity</source>
        <translation>修改活动</translation>
    </message>
    <message>
        <location filename="../../gui/dialogs/activity_dialog.py" line="29" />
        <source>(given when saved)</source>
        <translation>（保存时自动编号）</translation>
    </message>
    <message>
        <location filename="../../gui/dialogs/activity_dialog.py" line="31" />
        <source>Item number</source>
        <translation>档号</translation>
    </message>
    <message>
        <location filename="../../gui/dialogs/activity_dialog.py" line="32" />
        <source>Date</source>
        <translation>活动日期</translation>
    </message>
    <message>
        <location filename="../../gui/dialogs/activity_dialog.py" line="33" />
        <source>Lasted several days</source>
        <translation>持续多天</translation>
    </message>
    <message>
        <location filename="../../gui/dialogs/activity_dialog.py" line="36" />
        <source>End date</source>
        <translation>结束日期</translation>
    </message>
    <message>
        <location filename="../../gui/dialogs/activity_dialog.py" line="40" />
        <source>Start time</source>
        <translation>开始时间</translation>
    </message>
    <message>
        <location filename="../../gui/dialogs/activity_dialog.py" line="41" />
        <source>End time</source>
        <translation>结束时间</translation>
    </message>
    <message>
        <location filename="../../gui/dialogs/activity_dialog.py" line="42" />
        <source>Title</source>
        <translation>活动名称</translation>
    </message>
    <message>
        <location filename="../../gui/dialogs/activity_dialog.py" line="43" />
        <source>Category</source>
        <translation>类别</translation>
    </message>
    <message>
        <location filename="../../gui/dialogs/activity_dialog.py" line="45" />
        <source>(none)</source>
        <translation>（无）</translation>
    </message>
    <message>
        <location filename="../../gui/dialogs/activity_dialog.py" line="46" />
        <source>Festival</source>
        <translation>节日</translation>
    </message>
    <message>
        <location filename="../../gui/dialogs/activity_dialog.py" line="47" />
        <source>Location</source>
        <translation>地点</translation>
    </message>
    <message>
        <location filename="../../gui/dialogs/activity_dialog.py" line="48" />
        <source>Organizer</source>
        <translation>组织者</translation>
    </message>
    <message>
        <location filename="../../gui/dialogs/activity_dialog.py" line="50" />
        <source>Participants</source>
        <translation>参与人数</translation>
    </message>
    <message>
        <location filename="../../gui/dialogs/activity_dialog.py" line="54" />
        <source>Summary</source>
        <translation>内容摘要</translation>
    </message>
</context>
<context>
    <name>ActivityTableModel</name>
    <message>
        <location filename="../../gui/models/activity_model.py" line="24" />
        <source>Item number</source>
        <translation>档号</translation>
    </message>
    <message>
        <location filename="../../gui/models/activity_model.py" line="25" />
        <source>Date</source>
        <translation>活动日期</translation>
    </message>
    <message>
        <location filename="../../gui/models/activity_model.py" line="26" />
        <source>Title</source>
        <translation>活动名称</translation>
    </message>
    <message>
        <location filename="../../gui/models/activity_model.py" line="27" />
        <source>Category</source>
        <translation>类别</translation>
    </message>
    <message>
        <location filename="../../gui/models/activity_model.py" line="28" />
        <source>Festival</source>
        <translation>节日</translation>
    </message>
    <message>
        <location filename="../../gui/models/activity_model.py" line="29" />
        <source>Location</source>
        <translation>地点</translation>
    </message>
    <message>
        <location filename="../../gui/models/activity_model.py" line="30" />
        <source>Organizer</source>
        <translation>组织者</translation>
    </message>
    <message>
        <location filename="../../gui/models/activity_model.py" line="31" />
        <source>Participants</source>
        <translation>参与人数</translation>
    </message>
    <message>
        <location filename="../../gui/models/activity_model.py" line="32" />
        <source>Photos</source>
        <translation>照片</translation>
    </message>
</context>
<context>
    <name>AppContext</name>
    <message>
        <location filename="../../gui/context.py" line="241" />
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../../gui/context.py" line="221" />
        <location filename="../../gui/context.py" line="290" />
        <source>Cannot finish</source>
        <translation>无法完成</translation>
    </message>
    <message>
        <location filename="../../gui/context.py" line="316" />
        <source>Backing up…</source>
        <translation>正在备份…</translation>
    </message>
    <message>
        <location filename="../../gui/context.py" line="323" />
        <source>Backing up the archive</source>
        <translation>备份档案</translation>
    </message>
</context>
<context>
    <name>AttachmentsPanel</name>
    <message>
        <location filename="../../gui/dialogs/attachments_panel.py" line="52" />
        <source>Photos and files (drag files here)</source>
        <translation>照片和附件（可把文件拖到这里）</translation>
    </message>
    <message>
        <location filename="../../gui/dialogs/attachments_panel.py" line="55" />
        <source>Attachments</source>
        <translation>附件</translation>
    </message>
    <message>
        <location filename="../../gui/dialogs/attachments_panel.py" line="65" />
        <source>Add files…</source>
        <translation>添加文件…</translation>
    </message>
    <message>
        <location filename="../../gui/dialogs/attachments_panel.py" line="67" />
        <source>Open original</source>
        <translation>打开原件</translation>
    </message>
    <message>
        <location filename="../../gui/dialogs/attachments_panel.py" line="69" />
        <source>Caption…</source>
        <translation>修改说明…</translation>
    </message>
    <message>
        <location filename="../../gui/dialogs/attachments_panel.py" line="71" />
        <source>Remove…</source>
        <translation>移除…</translation>
    </message>
    <message>
        <location filename="../../gui/dialogs/attachments_panel.py" line="112" />
        <source>{name} (saved with the record)</source>
        <translation>{name}（保存记录时一并保存）</translation>
    </message>
    <message>
        <location filename="../../gui/dialogs/attachments_panel.py" line="133" />
        <source>Choose photos or files</source>
        <translation>选择照片或文件</translation>
    </message>
    <message>
        <location filename="../../gui/dialogs/attachments_panel.py" line="134" />
        <source>Photos and documents (*.jpg *.jpeg *.png *.gif *.bmp *.pdf *.doc *.docx *.xls *.xlsx);;All files (*)</source>
        <translation>照片和文档 (*.jpg *.jpeg *.png *.gif *.bmp *.pdf *.doc *.docx *.xls *.xlsx);;所有文件 (*)</translation>
    </message>
    <message>
        <location filename="../../gui/dialogs/attachments_panel.py" line="205" />
        <source>Caption</source>
        <translation>说明</translation>
    </message>
    <message>
        <location filename="../../gui/dialogs/attachments_panel.py" line="206" />
        <source>What does this photo or file show?</source>
        <translation>这张照片或这个文件是什么内容？</translation>
    </message>
    <message>
        <location filename="../../gui/dialogs/attachments_panel.py" line="220" />
        <source>Remove attachment</source>
        <translation>移除附件</translation>
    </message>
    <message>
        <location filename="../../gui/dialogs/attachments_panel.py" line="221" />
        <source>Why is this file removed? (for example: wrong photo)</source>
        <translation>为什么移除这个文件？（例如：照片放错了）</translation>
    </message>
</context>
<context>
    <name>ClosureDialog</name>
    <message>
        <location filename="../../gui/dialogs/opening_dialogs.py" line="24" />
        <source>Closure notice</source>
        <translation>闭馆公告</translation>
    </message>
    <message>
        <location filename="../../gui/dialogs/opening_dialogs.py" line="24" />
        <source>Edit closure notice</source>
        <translation>修改闭馆公告</translation>
    </message>
    <message>
        <location filename="../../gui/dialogs/opening_dialogs.py" line="32" />
        <source>Closure</source>
        <translation>闭馆</translation>
    </message>
    <message>
        <location filename="../../gui/dialogs/opening_dialogs.py" line="32" />
        <source>Extra opening</source>
        <translation>加开</translation>
    </message>
    <message>
        <location filename="../../gui/dialogs/opening_dialogs.py" line="33" />
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <location filename="../../gui/dialogs/opening_dialogs.py" line="34" />
        <source>From</source>
        <translation>开始日期</translation>
    </message>
    <message>
        <location filename="../../gui/dialogs/opening_dialogs.py" line="35" />
        <source>To</source>
        <translation>结束日期</translation>
    </message>
    <message>
        <location filename="../../gui/dialogs/opening_dialogs.py" line="36" />
        <source>Posted on</source>
        <translation>公告日期</translation>
    </message>
    <message>
        <location filename="../../gui/dialogs/opening_dialogs.py" line="38" />
        <source>Start time (extra opening)</source>
        <translation>开始时间（加开时填写）</translation>
    </message>
    <message>
        <location filename="../../gui/dialogs/opening_dialogs.py" line="40" />
        <source>End time (extra opening)</source>
        <translation>结束时间（加开时填写）</translation>
    </message>
    <message>
        <location filename="../../gui/dialogs/opening_dialogs.py" line="42" />
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <location filename="../../gui/dialogs/opening_dialogs.py" line="66" />
        <source>Posted under 7 days before the closure: the rules ask for a notice 7 days ahead. You can still save it; the self-check will list it.</source>
        <translation>公告日期离闭馆不足 7 天：规定要提前 7 天公告。仍然可以保存，自查时会列出这一条。</translation>
    </message>
</context>
<context>
    <name>ClosurePanel</name>
    <message>
        <location filename="../../gui/pages/opening_page.py" line="25" />
        <source>Closure notices</source>
        <translation>闭馆公告</translation>
    </message>
</context>
<context>
    <name>ClosureTableModel</name>
    <message>
        <location filename="../../gui/models/closure_model.py" line="36" />
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <location filename="../../gui/models/closure_model.py" line="37" />
        <source>From</source>
        <translation>开始日期</translation>
    </message>
    <message>
        <location filename="../../gui/models/closure_model.py" line="38" />
        <source>To</source>
        <translation>结束日期</translation>
    </message>
    <message>
        <location filename="../../gui/models/closure_model.py" line="39" />
        <source>Hours</source>
        <translation>加开时段</translation>
    </message>
    <message>
        <location filename="../../gui/models/closure_model.py" line="40" />
        <source>Posted on</source>
        <translation>公告日期</translation>
    </message>
    <message>
        <location filename="../../gui/models/closure_model.py" line="41" />
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <location filename="../../gui/models/closure_model.py" line="42" />
        <source>Notice</source>
        <translation>公告</translation>
    </message>
    <message>
        <location filename="../../gui/models/closure_model.py" line="26" />
        <source>Closure</source>
        <translation>闭馆</translation>
    </message>
    <message>
        <location filename="../../gui/models/closure_model.py" line="26" />
        <source>Extra opening</source>
        <translation>加开</translation>
    </message>
    <message>
        <location filename="../../gui/models/closure_model.py" line="27" />
        <source>Posted late (under 7 days)</source>
        <translation>公告过晚（不足 7 天）</translation>
    </message>
    <message>
        <location filename="../../gui/models/closure_model.py" line="28" />
        <source>On time</source>
        <translation>按时公告</translation>
    </message>
</context>
<context>
    <name>EditDialog</name>
    <message>
        <location filename="../../gui/dialogs/base.py" line="43" />
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <location filename="../../gui/dialogs/base.py" line="46" />
        <source>Save (Ctrl+S)</source>
        <translation>保存（Ctrl+S）</translation>
    </message>
    <message>
        <location filename="../../gui/dialogs/base.py" line="47" />
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../../gui/dialogs/base.py" line="50" />
        <source>History…</source>
        <translation>修改记录…</translation>
    </message>
</context>
<context>
    <name>EquipmentDialog</name>
    <message>
        <location filename="../../gui/dialogs/equipment_dialog.py" line="38" />
        <source>New equipment</source>
        <translation>新建设备</translation>
    </message>
    <message>
        <location filename="../../gui/dialogs/equipment_dialog.py" line="38" />
        <source>Edit equipment</source>
        <translation>修改设备</translation>
    </message>
    <message>
        <location filename="../../gui/dialogs/equipment_dialog.py" line="43" />
        <source>(given when saved)</source>
        <translation>（保存时自动编号）</translation>
    </message>
    <message>
        <location filename="../../gui/dialogs/equipment_dialog.py" line="45" />
        <source>Item number</source>
        <translation>档号</translation>
    </message>
    <message>
        <location filename="../../gui/dialogs/equipment_dialog.py" line="46" />
        <source>Name</source>
        <translation>设备名称</translation>
    </message>
    <message>
        <location filename="../../gui/dialogs/equipment_dialog.py" line="48" />
        <source>Category</source>
        <translation>设备类别</translation>
    </message>
    <message>
        <location filename="../../gui/dialogs/equipment_dialog.py" line="49" />
        <source>Model / specification</source>
        <translation>规格型号</translation>
    </message>
    <message>
        <location filename="../../gui/dialogs/equipment_dialog.py" line="50" />
        <source>Quantity</source>
        <translation>数量</translation>
    </message>
    <message>
        <location filename="../../gui/dialogs/equipment_dialog.py" line="52" />
        <source>Unit price (yuan)</source>
        <translation>单价（元）</translation>
    </message>
    <message>
        <location filename="../../gui/dialogs/equipment_dialog.py" line="53" />
        <source>Funding source</source>
        <translation>资金来源</translation>
    </message>
    <message>
        <location filename="../../gui/dialogs/equipment_dialog.py" line="54" />
        <source>for example: special fund</source>
        <translation>例如：专项资金</translation>
    </message>
    <message>
        <location filename="../../gui/dialogs/equipment_dialog.py" line="63" />
        <source>Status changed on</source>
        <translation>状态变更日期</translation>
    </message>
    <message>
        <location filename="../../gui/dialogs/equipment_dialog.py" line="64" />
        <source>Reason for the change</source>
        <translation>变更说明</translation>
    </message>
    <message>
        <location filename="../../gui/dialogs/equipment_dialog.py" line="65" />
        <source>for example: sent for repair</source>
        <translation>例如：送修</translation>
    </message>
    <message>
        <location filename="../../gui/dialogs/equipment_dialog.py" line="67" />
        <location filename="../../gui/dialogs/equipment_dialog.py" line="72" />
        <source>Status history</source>
        <translation>状态历史</translation>
    </message>
    <message>
        <location filename="../../gui/dialogs/equipment_dialog.py" line="83" />
        <source>Recorded</source>
        <translation>已登记</translation>
    </message>
    <message>
        <location filename="../../gui/dialogs/equipment_dialog.py" line="91" />
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <location filename="../../gui/dialogs/equipment_dialog.py" line="93" />
        <source>Result</source>
        <translation>结论</translation>
    </message>
    <message>
        <location filename="../../gui/dialogs/equipment_dialog.py" line="94" />
        <source>People</source>
        <translation>验收人员</translation>
    </message>
    <message>
        <location filename="../../gui/dialogs/equipment_dialog.py" line="95" />
        <source>Report number</source>
        <translation>报告编号</translation>
    </message>
    <message>
        <location filename="../../gui/dialogs/equipment_dialog.py" line="96" />
        <source>Remarks</source>
        <translation>备注</translation>
    </message>
    <message>
        <location filename="../../gui/dialogs/equipment_dialog.py" line="55" />
        <source>Purchase date</source>
        <translation>购置日期</translation>
    </message>
    <message>
        <location filename="../../gui/dialogs/equipment_dialog.py" line="56" />
        <source>Supplier</source>
        <translation>供应商</translation>
    </message>
    <message>
        <location filename="../../gui/dialogs/equipment_dialog.py" line="57" />
        <source>Kept at</source>
        <translation>存放地点</translation>
    </message>
    <message>
        <location filename="../../gui/dialogs/equipment_dialog.py" line="58" />
        <source>Custodian</source>
        <translation>保管人</translation>
    </message>
    <message>
        <location filename="../../gui/dialogs/equipment_dialog.py" line="60" />
        <source>Status</source>
        <translation>状态</translation>
    </message>
</context>
<context>
    <name>EquipmentPage</name>
    <message>
        <location filename="../../gui/pages/equipment_page.py" line="32" />
        <source>Double-click an item (or press Edit…) to edit it, its three acceptance stages and its status.</source>
        <translation>双击一行（或点“修改…”）即可修改设备信息、三级验收和状态。</translation>
    </message>
    <message>
        <location filename="../../gui/pages/equipment_page.py" line="49" />
        <source>Equipment ledger</source>
        <translation>设备台账</translation>
    </message>
</context>
<context>
    <name>EquipmentTableModel</name>
    <message>
        <location filename="../../gui/models/equipment_model.py" line="35" />
        <source>Item number</source>
        <translation>档号</translation>
    </message>
    <message>
        <location filename="../../gui/models/equipment_model.py" line="36" />
        <source>Name</source>
        <translation>设备名称</translation>
    </message>
    <message>
        <location filename="../../gui/models/equipment_model.py" line="37" />
        <source>Category</source>
        <translation>类别</translation>
    </message>
    <message>
        <location filename="../../gui/models/equipment_model.py" line="38" />
        <source>Model</source>
        <translation>规格型号</translation>
    </message>
    <message>
        <location filename="../../gui/models/equipment_model.py" line="39" />
        <source>Qty</source>
        <translation>数量</translation>
    </message>
    <message>
        <location filename="../../gui/models/equipment_model.py" line="40" />
        <source>Unit price (yuan)</source>
        <translation>单价（元）</translation>
    </message>
    <message>
        <location filename="../../gui/models/equipment_model.py" line="41" />
        <source>Purchased</source>
        <translation>购置日期</translation>
    </message>
    <message>
        <location filename="../../gui/models/equipment_model.py" line="42" />
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../gui/models/equipment_model.py" line="44" />
        <source>Town acceptance</source>
        <translation>镇街现场验收</translation>
    </message>
    <message>
        <location filename="../../gui/models/equipment_model.py" line="45" />
        <source>City check</source>
        <translation>市局检查</translation>
    </message>
    <message>
        <location filename="../../gui/models/equipment_model.py" line="46" />
        <source>Prefecture check</source>
        <translation>上级检查组验收</translation>
    </message>
    <message>
        <location filename="../../gui/models/equipment_model.py" line="47" />
        <source>Custodian</source>
        <translation>保管人</translation>
    </message>
    <message>
        <location filename="../../gui/models/equipment_model.py" line="25" />
        <source>not yet</source>
        <translation>未验收</translation>
    </message>
</context>
<context>
    <name>Errors</name>
    <message>
        <location filename="../../gui/errors.py" line="35" />
        <source>(the log could not be written)</source>
        <translation>（无法写入日志）</translation>
    </message>
    <message>
        <location filename="../../gui/errors.py" line="36" />
        <source>Something unexpected went wrong. Your records are safe: everything saved before is kept.</source>
        <translation>出现了意外错误。您的档案是安全的：之前保存的内容都还在。</translation>
    </message>
    <message>
        <location filename="../../gui/errors.py" line="38" />
        <source>The details were written to {path}. Please give this file to technical support.</source>
        <translation>详细情况已写入 {path}，请把这个文件交给技术支持人员。</translation>
    </message>
    <message>
        <location filename="../../gui/errors.py" line="42" />
        <source>Error</source>
        <translation>出错了</translation>
    </message>
    <message>
        <location filename="../../gui/errors.py" line="56" />
        <source>Cannot do this</source>
        <translation>不能这样做</translation>
    </message>
</context>
<context>
    <name>HistoryDialog</name>
    <message>
        <location filename="../../gui/dialogs/history_dialog.py" line="22" />
        <source>History of this record</source>
        <translation>这条记录的修改记录</translation>
    </message>
    <message>
        <location filename="../../gui/dialogs/history_dialog.py" line="25" />
        <source>Record history</source>
        <translation>修改记录</translation>
    </message>
    <message>
        <location filename="../../gui/dialogs/history_dialog.py" line="26" />
        <source>When</source>
        <translation>时间</translation>
    </message>
    <message>
        <location filename="../../gui/dialogs/history_dialog.py" line="26" />
        <source>Who</source>
        <translation>操作人</translation>
    </message>
    <message>
        <location filename="../../gui/dialogs/history_dialog.py" line="26" />
        <source>What</source>
        <translation>操作</translation>
    </message>
    <message>
        <location filename="../../gui/dialogs/history_dialog.py" line="27" />
        <source>Changes</source>
        <translation>改动内容</translation>
    </message>
    <message>
        <location filename="../../gui/dialogs/history_dialog.py" line="27" />
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <location filename="../../gui/dialogs/history_dialog.py" line="60" />
        <source>date</source>
        <translation>日期</translation>
    </message>
    <message>
        <location filename="../../gui/dialogs/history_dialog.py" line="61" />
        <source>end date</source>
        <translation>结束日期</translation>
    </message>
    <message>
        <location filename="../../gui/dialogs/history_dialog.py" line="62" />
        <source>start time</source>
        <translation>开始时间</translation>
    </message>
    <message>
        <location filename="../../gui/dialogs/history_dialog.py" line="63" />
        <source>end time</source>
        <translation>结束时间</translation>
    </message>
    <message>
        <location filename="../../gui/dialogs/history_dialog.py" line="64" />
        <source>title</source>
        <translation>名称</translation>
    </message>
    <message>
        <location filename="../../gui/dialogs/history_dialog.py" line="65" />
        <source>category</source>
        <translation>类别</translation>
    </message>
    <message>
        <location filename="../../gui/dialogs/history_dialog.py" line="66" />
        <source>festival</source>
        <translation>节日</translation>
    </message>
    <message>
        <location filename="../../gui/dialogs/history_dialog.py" line="67" />
        <source>location</source>
        <translation>地点</translation>
    </message>
    <message>
        <location filename="../../gui/dialogs/history_dialog.py" line="68" />
        <source>organizer</source>
        <translation>组织者</translation>
    </message>
    <message>
        <location filename="../../gui/dialogs/history_dialog.py" line="69" />
        <source>participants</source>
        <translation>参与人数</translation>
    </message>
    <message>
        <location filename="../../gui/dialogs/history_dialog.py" line="70" />
        <source>summary</source>
        <translation>内容摘要</translation>
    </message>
    <message>
        <location filename="../../gui/dialogs/history_dialog.py" line="71" />
        <source>name</source>
        <translation>名称</translation>
    </message>
    <message>
        <location filename="../../gui/dialogs/history_dialog.py" line="72" />
        <source>model</source>
        <translation>规格型号</translation>
    </message>
    <message>
        <location filename="../../gui/dialogs/history_dialog.py" line="73" />
        <source>quantity</source>
        <translation>数量</translation>
    </message>
    <message>
        <location filename="../../gui/dialogs/history_dialog.py" line="74" />
        <source>unit price (fen)</source>
        <translation>单价（分）</translation>
    </message>
    <message>
        <location filename="../../gui/dialogs/history_dialog.py" line="75" />
        <source>funding source</source>
        <translation>资金来源</translation>
    </message>
    <message>
        <location filename="../../gui/dialogs/history_dialog.py" line="76" />
        <source>purchase date</source>
        <translation>购置日期</translation>
    </message>
    <message>
        <location filename="../../gui/dialogs/history_dialog.py" line="77" />
        <source>supplier</source>
        <translation>供应商</translation>
    </message>
    <message>
        <location filename="../../gui/dialogs/history_dialog.py" line="78" />
        <source>custodian</source>
        <translation>保管人</translation>
    </message>
    <message>
        <location filename="../../gui/dialogs/history_dialog.py" line="79" />
        <source>status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../gui/dialogs/history_dialog.py" line="80" />
        <source>deleted at</source>
        <translation>删除时间</translation>
    </message>
    <message>
        <location filename="../../gui/dialogs/history_dialog.py" line="81" />
        <source>deleted by</source>
        <translation>删除人</translation>
    </message>
    <message>
        <location filename="../../gui/dialogs/history_dialog.py" line="82" />
        <source>delete reason</source>
        <translation>删除原因</translation>
    </message>
    <message>
        <location filename="../../gui/dialogs/history_dialog.py" line="83" />
        <source>log date</source>
        <translation>登记日期</translation>
    </message>
    <message>
        <location filename="../../gui/dialogs/history_dialog.py" line="84" />
        <source>opened at</source>
        <translation>开门时间</translation>
    </message>
    <message>
        <location filename="../../gui/dialogs/history_dialog.py" line="85" />
        <source>closed at</source>
        <translation>关门时间</translation>
    </message>
    <message>
        <location filename="../../gui/dialogs/history_dialog.py" line="86" />
        <source>visitors</source>
        <translation>接待人数</translation>
    </message>
    <message>
        <location filename="../../gui/dialogs/history_dialog.py" line="87" />
        <source>on duty</source>
        <translation>值班人员</translation>
    </message>
    <message>
        <location filename="../../gui/dialogs/history_dialog.py" line="88" />
        <source>notes</source>
        <translation>备注</translation>
    </message>
    <message>
        <location filename="../../gui/dialogs/history_dialog.py" line="89" />
        <source>reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <location filename="../../gui/dialogs/history_dialog.py" line="90" />
        <source>notice date</source>
        <translation>公告日期</translation>
    </message>
    <message>
        <location filename="../../gui/dialogs/history_dialog.py" line="91" />
        <source>kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <location filename="../../gui/dialogs/history_dialog.py" line="92" />
        <source>caption</source>
        <translation>说明</translation>
    </message>
</context>
<context>
    <name>KeeperDialog</name>
    <message>
        <location filename="../../gui/dialogs/keeper_dialog.py" line="18" />
        <source>Who keeps this archive?</source>
        <translation>谁负责这个档案？</translation>
    </message>
    <message>
        <location filename="../../gui/dialogs/keeper_dialog.py" line="21" />
        <source>Every record you add or change is signed with the archive keeper's name, so the archive shows who is answerable for it. Please enter your name. You can change it later in Settings (center profile).</source>
        <translation>每一条新增或修改的记录都会写上档案管理员的姓名，档案里就能看出由谁负责。请填写您的姓名。以后可以在“设置”（中心资料）里修改。</translation>
    </message>
    <message>
        <location filename="../../gui/dialogs/keeper_dialog.py" line="27" />
        <source>Archive keeper</source>
        <translation>档案管理员</translation>
    </message>
    <message>
        <location filename="../../gui/dialogs/keeper_dialog.py" line="28" />
        <source>for example: 李秀英</source>
        <translation>例如：李秀英</translation>
    </message>
    <message>
        <location filename="../../gui/dialogs/keeper_dialog.py" line="32" />
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <location filename="../../gui/dialogs/keeper_dialog.py" line="34" />
        <source>Later</source>
        <translation>以后再说</translation>
    </message>
    <message>
        <location filename="../../gui/dialogs/keeper_dialog.py" line="44" />
        <source>Please enter the keeper's name.</source>
        <translation>请填写档案管理员的姓名。</translation>
    </message>
</context>
<context>
    <name>Labels</name>
    <message>
        <location filename="../../gui/labels.py" line="10" />
        <source>Culture and entertainment</source>
        <translation>文化娱乐</translation>
    </message>
    <message>
        <location filename="../../gui/labels.py" line="11" />
        <source>Sports and fitness</source>
        <translation>体育健身</translation>
    </message>
    <message>
        <location filename="../../gui/labels.py" line="12" />
        <source>Folk festival</source>
        <translation>民俗节庆</translation>
    </message>
    <message>
        <location filename="../../gui/labels.py" line="13" />
        <source>Public education</source>
        <translation>宣传教育</translation>
    </message>
    <message>
        <location filename="../../gui/labels.py" line="14" />
        <source>Party-member education</source>
        <translation>党员教育</translation>
    </message>
    <message>
        <location filename="../../gui/labels.py" line="15" />
        <source>Science popularization</source>
        <translation>科学普及</translation>
    </message>
    <message>
        <location filename="../../gui/labels.py" line="16" />
        <source>Training and lectures</source>
        <translation>培训讲座</translation>
    </message>
    <message>
        <location filename="../../gui/labels.py" line="17" />
        <source>Reading service</source>
        <translation>阅读服务</translation>
    </message>
    <message>
        <location filename="../../gui/labels.py" line="18" />
        <source>Volunteer service</source>
        <translation>志愿服务</translation>
    </message>
    <message>
        <location filename="../../gui/labels.py" line="19" />
        <source>Other</source>
        <translation>其他</translation>
    </message>
    <message>
        <location filename="../../gui/labels.py" line="22" />
        <source>Spring Festival</source>
        <translation>春节</translation>
    </message>
    <message>
        <location filename="../../gui/labels.py" line="23" />
        <source>Lantern Festival</source>
        <translation>元宵</translation>
    </message>
    <message>
        <location filename="../../gui/labels.py" line="24" />
        <source>Qingming</source>
        <translation>清明</translation>
    </message>
    <message>
        <location filename="../../gui/labels.py" line="25" />
        <source>Dragon Boat Festival</source>
        <translation>端午</translation>
    </message>
    <message>
        <location filename="../../gui/labels.py" line="26" />
        <source>Qixi</source>
        <translation>七夕</translation>
    </message>
    <message>
        <location filename="../../gui/labels.py" line="27" />
        <source>Mid-Autumn Festival</source>
        <translation>中秋</translation>
    </message>
    <message>
        <location filename="../../gui/labels.py" line="28" />
        <source>Double Ninth Festival</source>
        <translation>重阳</translation>
    </message>
    <message>
        <location filename="../../gui/labels.py" line="29" />
        <source>National Day</source>
        <translation>国庆</translation>
    </message>
    <message>
        <location filename="../../gui/labels.py" line="30" />
        <source>Other festival</source>
        <translation>其他</translation>
    </message>
    <message>
        <location filename="../../gui/labels.py" line="33" />
        <source>In use</source>
        <translation>在用</translation>
    </message>
    <message>
        <location filename="../../gui/labels.py" line="34" />
        <source>Under repair</source>
        <translation>维修</translation>
    </message>
    <message>
        <location filename="../../gui/labels.py" line="35" />
        <source>Idle</source>
        <translation>闲置</translation>
    </message>
    <message>
        <location filename="../../gui/labels.py" line="36" />
        <source>Scrapped</source>
        <translation>报废</translation>
    </message>
    <message>
        <location filename="../../gui/labels.py" line="39" />
        <source>Passed</source>
        <translation>通过</translation>
    </message>
    <message>
        <location filename="../../gui/labels.py" line="40" />
        <source>To be rectified</source>
        <translation>整改</translation>
    </message>
    <message>
        <location filename="../../gui/labels.py" line="41" />
        <source>Failed</source>
        <translation>不通过</translation>
    </message>
    <message>
        <location filename="../../gui/labels.py" line="44" />
        <source>Town on-site acceptance</source>
        <translation>镇街现场验收</translation>
    </message>
    <message>
        <location filename="../../gui/labels.py" line="45" />
        <source>City bureau check</source>
        <translation>市局检查</translation>
    </message>
    <message>
        <location filename="../../gui/labels.py" line="46" />
        <source>Prefecture inspection</source>
        <translation>上级检查组验收</translation>
    </message>
    <message>
        <location filename="../../gui/labels.py" line="49" />
        <source>Monday</source>
        <translation>星期一</translation>
    </message>
    <message>
        <location filename="../../gui/labels.py" line="50" />
        <source>Tuesday</source>
        <translation>星期二</translation>
    </message>
    <message>
        <location filename="../../gui/labels.py" line="51" />
        <source>Wednesday</source>
        <translation>星期三</translation>
    </message>
    <message>
        <location filename="../../gui/labels.py" line="52" />
        <source>Thursday</source>
        <translation>星期四</translation>
    </message>
    <message>
        <location filename="../../gui/labels.py" line="53" />
        <source>Friday</source>
        <translation>星期五</translation>
    </message>
    <message>
        <location filename="../../gui/labels.py" line="54" />
        <source>Saturday</source>
        <translation>星期六</translation>
    </message>
    <message>
        <location filename="../../gui/labels.py" line="55" />
        <source>Sunday</source>
        <translation>星期日</translation>
    </message>
    <message>
        <location filename="../../gui/labels.py" line="58" />
        <source>Closed</source>
        <translation>闭馆</translation>
    </message>
    <message>
        <location filename="../../gui/labels.py" line="59" />
        <source>Extra opening</source>
        <translation>加开</translation>
    </message>
    <message>
        <location filename="../../gui/labels.py" line="62" />
        <source>Planned</source>
        <translation>规划中</translation>
    </message>
    <message>
        <location filename="../../gui/labels.py" line="63" />
        <source>Being built</source>
        <translation>建设中</translation>
    </message>
    <message>
        <location filename="../../gui/labels.py" line="64" />
        <source>Built</source>
        <translation>已建成</translation>
    </message>
    <message>
        <location filename="../../gui/labels.py" line="65" />
        <source>Accepted</source>
        <translation>已验收</translation>
    </message>
    <message>
        <source>Activity without a photo</source>
        <translation>活动缺少照片</translation>
    </message>
    <message>
        <source>Activity without a participant count</source>
        <translation>活动未填参与人数</translation>
    </message>
    <message>
        <source>Equipment not accepted by the town</source>
        <translation>设备未通过镇街验收</translation>
    </message>
    <message>
        <source>A whole week without an opening log</source>
        <translation>整周没有开放登记</translation>
    </message>
    <message>
        <source>Scheduled hours below the standard</source>
        <translation>计划开放时长低于标准</translation>
    </message>
    <message>
        <source>Closure announced late</source>
        <translation>闭馆公告不及时</translation>
    </message>
    <message>
        <source>Gap in the item numbers</source>
        <translation>档号不连续</translation>
    </message>
    <message>
        <source>Attachment does not match its checksum</source>
        <translation>附件校验不符</translation>
    </message>
    <message>
        <source>No opening schedule</source>
        <translation>没有开放时间表</translation>
    </message>
    <message>
        <source>Equipment status without a change record</source>
        <translation>设备状态无变更记录</translation>
    </message>
    <message>
        <source>Opening logged on a closure day</source>
        <translation>闭馆日有开放登记</translation>
    </message>
    <message>
        <source>Visitors during a closure</source>
        <translation>闭馆期间有接待</translation>
    </message>
    <message>
        <source>Opening logged on a rest day</source>
        <translation>非开放日有开放登记</translation>
    </message>
    <message>
        <source>Logged times outside the published hours</source>
        <translation>登记时间超出公布时间</translation>
    </message>
    <message>
        <source>Festival activity on another date</source>
        <translation>节日活动日期不符</translation>
    </message>
    <message>
        <source>Attachment without its record</source>
        <translation>附件没有所属记录</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../gui/main_window.py" line="67" />
        <source>Opening the archive {path}…</source>
        <translation>正在打开档案 {path}…</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="63" />
        <location filename="../../gui/main_window.py" line="95" />
        <source>Village Archive — {path}</source>
        <translation>村级文化档案 — {path}</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="106" />
        <source>Navigation</source>
        <translation>导航</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="158" />
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="159" />
        <source>New record</source>
        <translation>新建记录</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="162" />
        <source>Search</source>
        <translation>搜索</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="165" />
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="168" />
        <source>Back up now</source>
        <translation>立即备份</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="170" />
        <source>Open or create another archive…</source>
        <translation>打开或新建其他档案…</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="172" />
        <source>Quit</source>
        <translation>退出</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="177" />
        <source>&amp;Go</source>
        <translation>转到(&amp;G)</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="188" />
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="189" />
        <location filename="../../gui/main_window.py" line="344" />
        <source>How to use</source>
        <translation>使用说明</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="192" />
        <source>About</source>
        <translation>关于</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="217" />
        <source>Archive: {path}</source>
        <translation>档案：{path}</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="220" />
        <source>Last backup: {when}</source>
        <translation>最近备份：{when}</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="221" />
        <source>Last export: {when}</source>
        <translation>最近导出：{when}</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="232" />
        <source>never</source>
        <translation>从未</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="338" />
        <source>Backup written: {path}</source>
        <translation>备份已保存：{path}</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="358" />
        <source>village center archive</source>
        <translation>村(社区)综合性文化服务中心档案</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="359" />
        <source>town station archive</source>
        <translation>镇(街)文体服务中心档案</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="360" />
        <source>city bureau archive</source>
        <translation>市文广新局档案</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="362" />
        <source>Village Archive {version}

Archive file: {path}
Center: {center}
Role: {role}

Offline archive of a village comprehensive cultural service center.</source>
        <translation>村级文化档案 {version}

档案文件：{path}
中心：{center}
档案类型：{role}

村(社区)综合性文化服务中心离线档案管理软件。</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="368" />
        <source>About Village Archive</source>
        <translation>关于村级文化档案</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>正在载入…</translation>
    </message>
</context>
<context>
    <name>OpeningLogDialog</name>
    <message>
        <location filename="../../gui/dialogs/opening_dialogs.py" line="108" />
        <source>Opening log</source>
        <translation>开放登记</translation>
    </message>
    <message>
        <location filename="../../gui/dialogs/opening_dialogs.py" line="108" />
        <source>Edit opening log</source>
        <translation>修改开放登记</translation>
    </message>
    <message>
        <location filename="../../gui/dialogs/opening_dialogs.py" line="117" />
        <source>Date</source>
        <translation>登记日期</translation>
    </message>
    <message>
        <location filename="../../gui/dialogs/opening_dialogs.py" line="118" />
        <source>Opened at</source>
        <translation>开门时间</translation>
    </message>
    <message>
        <location filename="../../gui/dialogs/opening_dialogs.py" line="120" />
        <source>Closed at</source>
        <translation>关门时间</translation>
    </message>
    <message>
        <location filename="../../gui/dialogs/opening_dialogs.py" line="122" />
        <source>Visitors</source>
        <translation>接待人数</translation>
    </message>
    <message>
        <location filename="../../gui/dialogs/opening_dialogs.py" line="123" />
        <source>On duty</source>
        <translation>值班人员</translation>
    </message>
    <message>
        <location filename="../../gui/dialogs/opening_dialogs.py" line="124" />
        <source>Notes</source>
        <translation>备注</translation>
    </message>
</context>
<context>
    <name>OpeningLogPanel</name>
    <message>
        <location filename="../../gui/pages/opening_page.py" line="41" />
        <source>Log today's opening</source>
        <translation>今日开放登记</translation>
    </message>
    <message>
        <location filename="../../gui/pages/opening_page.py" line="48" />
        <source>Opening log</source>
        <translation>开放登记</translation>
    </message>
</context>
<context>
    <name>OpeningLogTableModel</name>
    <message>
        <location filename="../../gui/models/log_model.py" line="23" />
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <location filename="../../gui/models/log_model.py" line="24" />
        <source>Opened</source>
        <translation>开门</translation>
    </message>
    <message>
        <location filename="../../gui/models/log_model.py" line="25" />
        <source>Closed</source>
        <translation>关门</translation>
    </message>
    <message>
        <location filename="../../gui/models/log_model.py" line="26" />
        <source>Hours</source>
        <translation>小时</translation>
    </message>
    <message>
        <location filename="../../gui/models/log_model.py" line="27" />
        <source>Visitors</source>
        <translation>接待人数</translation>
    </message>
    <message>
        <location filename="../../gui/models/log_model.py" line="28" />
        <source>On duty</source>
        <translation>值班人员</translation>
    </message>
    <message>
        <location filename="../../gui/models/log_model.py" line="29" />
        <source>Notes</source>
        <translation>备注</translation>
    </message>
</context>
<context>
    <name>OpeningPage</name>
    <message>
        <location filename="../../gui/pages/opening_page.py" line="76" />
        <source>Weekly schedule</source>
        <translation>每周开放时间表</translation>
    </message>
    <message>
        <location filename="../../gui/pages/opening_page.py" line="77" />
        <source>Opening log</source>
        <translation>开放登记</translation>
    </message>
    <message>
        <location filename="../../gui/pages/opening_page.py" line="78" />
        <source>Closure notices</source>
        <translation>闭馆公告</translation>
    </message>
</context>
<context>
    <name>OverviewPage</name>
    <message>
        <location filename="../../gui/pages/overview_page.py" line="91" />
        <source>Activities this year</source>
        <translation>今年活动</translation>
    </message>
    <message>
        <location filename="../../gui/pages/overview_page.py" line="92" />
        <source>Participants this year</source>
        <translation>今年参与人次</translation>
    </message>
    <message>
        <location filename="../../gui/pages/overview_page.py" line="94" />
        <source>Opening hours this week</source>
        <translation>本周开放时间</translation>
    </message>
    <message>
        <location filename="../../gui/pages/overview_page.py" line="95" />
        <source>Last export to the town</source>
        <translation>最近一次上报镇街</translation>
    </message>
    <message>
        <location filename="../../gui/pages/overview_page.py" line="107" />
        <source>Activities by quarter and category</source>
        <translation>按季度和类别统计的活动</translation>
    </message>
    <message>
        <location filename="../../gui/pages/overview_page.py" line="113" />
        <location filename="../../gui/pages/overview_page.py" line="281" />
        <source>Completeness self-check</source>
        <translation>完整性自查</translation>
    </message>
    <message>
        <location filename="../../gui/pages/overview_page.py" line="119" />
        <source>Completeness findings</source>
        <translation>完整性自查结果</translation>
    </message>
    <message>
        <location filename="../../gui/pages/overview_page.py" line="128" />
        <source>Click a finding to open the record.</source>
        <translation>点击一条结果即可打开相应记录。</translation>
    </message>
    <message>
        <location filename="../../gui/pages/overview_page.py" line="203" />
        <source>Q1 {a} · Q2 {b} · Q3 {c} · Q4 {d}</source>
        <translation>一季度 {a} · 二季度 {b} · 三季度 {c} · 四季度 {d}</translation>
    </message>
    <message>
        <location filename="../../gui/pages/overview_page.py" line="205" />
        <source>{n} activities without a count</source>
        <translation>{n} 项活动没有填写人数</translation>
    </message>
    <message>
        <location filename="../../gui/pages/overview_page.py" line="206" />
        <source>every activity has a count</source>
        <translation>每项活动都填写了人数</translation>
    </message>
    <message>
        <location filename="../../gui/pages/overview_page.py" line="93" />
        <source>Equipment acceptance</source>
        <translation>设备三级验收</translation>
    </message>
    <message>
        <location filename="../../gui/pages/overview_page.py" line="146" />
        <source>Record today's activity</source>
        <translation>记录今天的活动</translation>
    </message>
    <message>
        <location filename="../../gui/pages/overview_page.py" line="147" />
        <source>Log today's opening</source>
        <translation>今日开放登记</translation>
    </message>
    <message>
        <location filename="../../gui/pages/overview_page.py" line="148" />
        <source>Print this quarter's dossier (Q{q})</source>
        <translation>打印本季度汇编（第{q}季度）</translation>
    </message>
    <message>
        <location filename="../../gui/pages/overview_page.py" line="149" />
        <source>Export for the town station</source>
        <translation>导出给镇街</translation>
    </message>
    <message>
        <location filename="../../gui/pages/overview_page.py" line="208" />
        <source>{n} passed all three acceptance stages</source>
        <translation>{n} 项三级验收全部通过</translation>
    </message>
    <message>
        <location filename="../../gui/pages/overview_page.py" line="210" />
        <source>{n} to be rectified</source>
        <translation>{n} 项待整改</translation>
    </message>
    <message>
        <location filename="../../gui/pages/overview_page.py" line="212" />
        <source>{n} failed</source>
        <translation>{n} 项验收不通过</translation>
    </message>
    <message>
        <location filename="../../gui/pages/overview_page.py" line="214" />
        <source>{n} not fully accepted yet</source>
        <translation>{n} 项尚未完成验收</translation>
    </message>
    <message>
        <location filename="../../gui/pages/overview_page.py" line="215" />
        <source>{passed} / {total}</source>
        <translation>{passed} / {total}</translation>
    </message>
    <message>
        <location filename="../../gui/pages/overview_page.py" line="217" />
        <source>{hours:g} h</source>
        <translation>{hours:g} 小时</translation>
    </message>
    <message>
        <location filename="../../gui/pages/overview_page.py" line="218" />
        <source>standard {standard:g} h per week</source>
        <translation>标准：每周 {standard:g} 小时</translation>
    </message>
    <message>
        <location filename="../../gui/pages/overview_page.py" line="227" />
        <source>{n} days ago</source>
        <translation>{n} 天前</translation>
    </message>
    <message>
        <location filename="../../gui/pages/overview_page.py" line="227" />
        <source>today</source>
        <translation>今天</translation>
    </message>
    <message>
        <location filename="../../gui/pages/overview_page.py" line="231" />
        <source>never</source>
        <translation>从未</translation>
    </message>
    <message>
        <location filename="../../gui/pages/overview_page.py" line="231" />
        <source>send the archive to the town station each quarter</source>
        <translation>请每季度把档案交给镇街文体服务中心</translation>
    </message>
    <message>
        <location filename="../../gui/pages/overview_page.py" line="240" />
        <source>Activities in {year} by quarter and category</source>
        <translation>{year} 年各季度活动（按类别）</translation>
    </message>
    <message>
        <location filename="../../gui/pages/overview_page.py" line="251" />
        <source>Q1</source>
        <translation>一季度</translation>
    </message>
    <message>
        <location filename="../../gui/pages/overview_page.py" line="251" />
        <source>Q2</source>
        <translation>二季度</translation>
    </message>
    <message>
        <location filename="../../gui/pages/overview_page.py" line="251" />
        <source>Q3</source>
        <translation>三季度</translation>
    </message>
    <message>
        <location filename="../../gui/pages/overview_page.py" line="251" />
        <source>Q4</source>
        <translation>四季度</translation>
    </message>
    <message>
        <location filename="../../gui/pages/overview_page.py" line="280" />
        <source>Completeness self-check (checking…)</source>
        <translation>完整性自查（正在检查…）</translation>
    </message>
    <message>
        <location filename="../../gui/pages/overview_page.py" line="285" />
        <source>Completeness self-check could not run</source>
        <translation>完整性自查未能完成</translation>
    </message>
    <message>
        <location filename="../../gui/pages/overview_page.py" line="290" />
        <source>Completeness self-check since {year}: {n} to look at</source>
        <translation>完整性自查（{year} 年以来）：{n} 项需要处理</translation>
    </message>
    <message>
        <location filename="../../gui/pages/overview_page.py" line="299" />
        <source>… and {n} more: run the self-check in Settings for the full list.</source>
        <translation>……还有 {n} 项：到“设置”里做完整性自查可看到全部。</translation>
    </message>
    <message>
        <location filename="../../gui/pages/overview_page.py" line="302" />
        <source>Nothing missing. Well done!</source>
        <translation>没有缺漏，做得很好！</translation>
    </message>
</context>
<context>
    <name>Pages</name>
    <message>
        <location filename="../../gui/pages/__init__.py" line="10" />
        <source>Overview</source>
        <translation>概览</translation>
    </message>
    <message>
        <location filename="../../gui/pages/__init__.py" line="11" />
        <source>Activities</source>
        <translation>活动</translation>
    </message>
    <message>
        <location filename="../../gui/pages/__init__.py" line="12" />
        <source>Equipment</source>
        <translation>设备</translation>
    </message>
    <message>
        <location filename="../../gui/pages/__init__.py" line="13" />
        <source>Opening hours</source>
        <translation>开放时间</translation>
    </message>
    <message>
        <location filename="../../gui/pages/__init__.py" line="14" />
        <source>Reports</source>
        <translation>报表</translation>
    </message>
    <message>
        <location filename="../../gui/pages/__init__.py" line="15" />
        <source>Archive exchange</source>
        <translation>档案交换</translation>
    </message>
    <message>
        <location filename="../../gui/pages/__init__.py" line="16" />
        <source>Settings</source>
        <translation>设置</translation>
    </message>
</context>
<context>
    <name>RegisterModel</name>
    <message>
        <location filename="../../gui/models/base.py" line="235" />
        <source>Deleted: {reason}</source>
        <translation>已删除：{reason}</translation>
    </message>
</context>
<context>
    <name>RegisterPanel</name>
    <message>
        <location filename="../../gui/pages/register_base.py" line="75" />
        <source>Search (Ctrl+F)</source>
        <translation>搜索（Ctrl+F）</translation>
    </message>
    <message>
        <location filename="../../gui/pages/register_base.py" line="76" />
        <source>Search</source>
        <translation>搜索</translation>
    </message>
    <message>
        <location filename="../../gui/pages/register_base.py" line="81" />
        <source>Year</source>
        <translation>年度</translation>
    </message>
    <message>
        <location filename="../../gui/pages/register_base.py" line="84" />
        <source>Quarter</source>
        <translation>季度</translation>
    </message>
    <message>
        <location filename="../../gui/pages/register_base.py" line="85" />
        <source>All quarters</source>
        <translation>全部季度</translation>
    </message>
    <message>
        <location filename="../../gui/pages/register_base.py" line="87" />
        <source>Quarter {n}</source>
        <translation>第 {n} 季度</translation>
    </message>
    <message>
        <location filename="../../gui/pages/register_base.py" line="91" />
        <source>Category</source>
        <translation>类别</translation>
    </message>
    <message>
        <location filename="../../gui/pages/register_base.py" line="92" />
        <source>All categories</source>
        <translation>全部类别</translation>
    </message>
    <message>
        <location filename="../../gui/pages/register_base.py" line="96" />
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../gui/pages/register_base.py" line="97" />
        <source>All statuses</source>
        <translation>全部状态</translation>
    </message>
    <message>
        <location filename="../../gui/pages/register_base.py" line="103" />
        <source>Which records</source>
        <translation>显示哪些记录</translation>
    </message>
    <message>
        <location filename="../../gui/pages/register_base.py" line="104" />
        <source>Current records</source>
        <translation>在册记录</translation>
    </message>
    <message>
        <location filename="../../gui/pages/register_base.py" line="105" />
        <source>Deleted records</source>
        <translation>已删除记录</translation>
    </message>
    <message>
        <location filename="../../gui/pages/register_base.py" line="106" />
        <source>All records</source>
        <translation>全部记录</translation>
    </message>
    <message>
        <location filename="../../gui/pages/register_base.py" line="178" />
        <source>Register table</source>
        <translation>登记表</translation>
    </message>
    <message>
        <location filename="../../gui/pages/register_base.py" line="133" />
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <location filename="../../gui/pages/register_base.py" line="140" />
        <source>New… (Ctrl+N)</source>
        <translation>新建…（Ctrl+N）</translation>
    </message>
    <message>
        <location filename="../../gui/pages/register_base.py" line="142" />
        <source>Edit…</source>
        <translation>修改…</translation>
    </message>
    <message>
        <location filename="../../gui/pages/register_base.py" line="144" />
        <source>Delete… (Del)</source>
        <translation>删除…（Del）</translation>
    </message>
    <message>
        <location filename="../../gui/pages/register_base.py" line="146" />
        <source>Restore</source>
        <translation>恢复</translation>
    </message>
    <message>
        <location filename="../../gui/pages/register_base.py" line="148" />
        <source>History…</source>
        <translation>修改记录…</translation>
    </message>
    <message>
        <location filename="../../gui/pages/register_base.py" line="159" />
        <source>Import sheet…</source>
        <translation>导入表格…</translation>
    </message>
    <message>
        <location filename="../../gui/pages/register_base.py" line="161" />
        <source>Export Excel…</source>
        <translation>导出 Excel…</translation>
    </message>
    <message>
        <location filename="../../gui/pages/register_base.py" line="207" />
        <source>All years</source>
        <translation>全部年度</translation>
    </message>
    <message>
        <location filename="../../gui/pages/register_base.py" line="232" />
        <source>{n} records</source>
        <translation>共 {n} 条</translation>
    </message>
    <message>
        <location filename="../../gui/pages/register_base.py" line="371" />
        <source>Delete record</source>
        <translation>删除记录</translation>
    </message>
    <message>
        <location filename="../../gui/pages/register_base.py" line="372" />
        <source>Why is “{what}” deleted? (for example: entered twice, wrong information)
Nothing is lost: deleted records can be shown and restored.</source>
        <translation>为什么删除“{what}”？（例如：重复录入、信息有误）
不会丢失：删除的记录可以查看和恢复。</translation>
    </message>
    <message>
        <location filename="../../gui/pages/register_base.py" line="378" />
        <source>Not deleted</source>
        <translation>没有删除</translation>
    </message>
    <message>
        <location filename="../../gui/pages/register_base.py" line="389" />
        <source>Not restored</source>
        <translation>没有恢复</translation>
    </message>
</context>
<context>
    <name>ScheduleWidget</name>
    <message>
        <location filename="../../gui/schedule_widget.py" line="40" />
        <source>Monday</source>
        <translation>星期一</translation>
    </message>
    <message>
        <location filename="../../gui/schedule_widget.py" line="41" />
        <source>Tuesday</source>
        <translation>星期二</translation>
    </message>
    <message>
        <location filename="../../gui/schedule_widget.py" line="42" />
        <source>Wednesday</source>
        <translation>星期三</translation>
    </message>
    <message>
        <location filename="../../gui/schedule_widget.py" line="43" />
        <source>Thursday</source>
        <translation>星期四</translation>
    </message>
    <message>
        <location filename="../../gui/schedule_widget.py" line="44" />
        <source>Friday</source>
        <translation>星期五</translation>
    </message>
    <message>
        <location filename="../../gui/schedule_widget.py" line="45" />
        <source>Saturday</source>
        <translation>星期六</translation>
    </message>
    <message>
        <location filename="../../gui/schedule_widget.py" line="46" />
        <source>Sunday</source>
        <translation>星期日</translation>
    </message>
    <message>
        <location filename="../../gui/schedule_widget.py" line="50" />
        <source>Facility:</source>
        <translation>场地：</translation>
    </message>
    <message>
        <location filename="../../gui/schedule_widget.py" line="52" />
        <source>Facility</source>
        <translation>场地</translation>
    </message>
    <message>
        <location filename="../../gui/schedule_widget.py" line="56" />
        <source>Add facility…</source>
        <translation>添加场地…</translation>
    </message>
    <message>
        <location filename="../../gui/schedule_widget.py" line="62" />
        <source>Weekly opening hours</source>
        <translation>每周开放时间</translation>
    </message>
    <message>
        <location filename="../../gui/schedule_widget.py" line="67" />
        <source>Weekly schedule</source>
        <translation>每周开放时间表</translation>
    </message>
    <message>
        <location filename="../../gui/schedule_widget.py" line="68" />
        <source>Opening times</source>
        <translation>开放时段</translation>
    </message>
    <message>
        <location filename="../../gui/schedule_widget.py" line="68" />
        <source>Hours</source>
        <translation>小时</translation>
    </message>
    <message>
        <location filename="../../gui/schedule_widget.py" line="82" />
        <source>Opening slots</source>
        <translation>开放时段列表</translation>
    </message>
    <message>
        <location filename="../../gui/schedule_widget.py" line="83" />
        <location filename="../../gui/schedule_widget.py" line="105" />
        <source>Weekday</source>
        <translation>星期</translation>
    </message>
    <message>
        <location filename="../../gui/schedule_widget.py" line="83" />
        <location filename="../../gui/schedule_widget.py" line="106" />
        <source>From</source>
        <translation>开始</translation>
    </message>
    <message>
        <location filename="../../gui/schedule_widget.py" line="83" />
        <location filename="../../gui/schedule_widget.py" line="107" />
        <source>To</source>
        <translation>结束</translation>
    </message>
    <message>
        <location filename="../../gui/schedule_widget.py" line="84" />
        <location filename="../../gui/schedule_widget.py" line="108" />
        <source>Valid from</source>
        <translation>生效日期</translation>
    </message>
    <message>
        <location filename="../../gui/schedule_widget.py" line="84" />
        <source>Valid until</source>
        <translation>截止日期</translation>
    </message>
    <message>
        <location filename="../../gui/schedule_widget.py" line="91" />
        <source>Remove selected slot…</source>
        <translation>删除选中的时段…</translation>
    </message>
    <message>
        <location filename="../../gui/schedule_widget.py" line="94" />
        <source>End selected slot on a date…</source>
        <translation>设置选中时段的截止日期…</translation>
    </message>
    <message>
        <location filename="../../gui/schedule_widget.py" line="95" />
        <source>For changed opening hours: the old slot still counts for past weeks.</source>
        <translation>调整开放时间时使用：旧时段在以前各周仍然有效。</translation>
    </message>
    <message>
        <location filename="../../gui/schedule_widget.py" line="101" />
        <source>Add an opening slot</source>
        <translation>添加开放时段</translation>
    </message>
    <message>
        <location filename="../../gui/schedule_widget.py" line="111" />
        <source>Add slot</source>
        <translation>添加时段</translation>
    </message>
    <message>
        <location filename="../../gui/schedule_widget.py" line="152" />
        <source>closed</source>
        <translation>不开放</translation>
    </message>
    <message>
        <location filename="../../gui/schedule_widget.py" line="167" />
        <source>This week the center opens {hours:g} h (standard {standard:g} h)</source>
        <translation>本周开放 {hours:g} 小时（标准 {standard:g} 小时）</translation>
    </message>
    <message>
        <location filename="../../gui/schedule_widget.py" line="183" />
        <source>Add facility</source>
        <translation>添加场地</translation>
    </message>
    <message>
        <location filename="../../gui/schedule_widget.py" line="184" />
        <source>Name of the room or place (for example: farmer's bookhouse):</source>
        <translation>场地名称（例如：农家书屋）：</translation>
    </message>
    <message>
        <location filename="../../gui/schedule_widget.py" line="190" />
        <source>Not added</source>
        <translation>没有添加</translation>
    </message>
    <message>
        <location filename="../../gui/schedule_widget.py" line="215" />
        <source>End slot</source>
        <translation>时段截止</translation>
    </message>
    <message>
        <location filename="../../gui/schedule_widget.py" line="216" />
        <source>Last day this slot is valid (for example 2024-06-30):</source>
        <translation>这个时段最后有效的一天（例如 2024-06-30）：</translation>
    </message>
    <message>
        <location filename="../../gui/schedule_widget.py" line="224" />
        <source>Not changed</source>
        <translation>没有修改</translation>
    </message>
    <message>
        <location filename="../../gui/schedule_widget.py" line="232" />
        <source>Remove slot</source>
        <translation>删除时段</translation>
    </message>
    <message>
        <location filename="../../gui/schedule_widget.py" line="233" />
        <source>Why is this slot removed? (for example: new opening hours)</source>
        <translation>为什么删除这个时段？（例如：调整开放时间）</translation>
    </message>
    <message>
        <location filename="../../gui/schedule_widget.py" line="239" />
        <source>Not removed</source>
        <translation>没有删除</translation>
    </message>
</context>
<context>
    <name>SettingsPage</name>
    <message>
        <location filename="../../gui/pages/settings_page.py" line="45" />
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <location filename="../../gui/pages/settings_page.py" line="49" />
        <source>Language</source>
        <translation>界面语言</translation>
    </message>
    <message>
        <location filename="../../gui/pages/settings_page.py" line="50" />
        <source>Text size</source>
        <translation>字体大小</translation>
    </message>
    <message>
        <location filename="../../gui/pages/settings_page.py" line="50" />
        <source>Normal</source>
        <translation>标准</translation>
    </message>
    <message>
        <location filename="../../gui/pages/settings_page.py" line="51" />
        <source>Large (for older eyes)</source>
        <translation>大字（方便老年人阅读）</translation>
    </message>
    <message>
        <location filename="../../gui/pages/settings_page.py" line="52" />
        <source>Weekly opening standard (hours)</source>
        <translation>每周开放标准（小时）</translation>
    </message>
    <message>
        <location filename="../../gui/pages/settings_page.py" line="57" />
        <location filename="../../gui/pages/settings_page.py" line="63" />
        <location filename="../../gui/pages/settings_page.py" line="155" />
        <source>Backup folder</source>
        <translation>备份文件夹</translation>
    </message>
    <message>
        <location filename="../../gui/pages/settings_page.py" line="58" />
        <source>empty: a folder beside the archive</source>
        <translation>留空：放在档案旁边的文件夹</translation>
    </message>
    <message>
        <location filename="../../gui/pages/settings_page.py" line="60" />
        <source>Choose…</source>
        <translation>选择…</translation>
    </message>
    <message>
        <location filename="../../gui/pages/settings_page.py" line="68" />
        <source>Save settings (Ctrl+S)</source>
        <translation>保存设置（Ctrl+S）</translation>
    </message>
    <message>
        <location filename="../../gui/pages/settings_page.py" line="79" />
        <source>Center profile</source>
        <translation>中心资料</translation>
    </message>
    <message>
        <location filename="../../gui/pages/settings_page.py" line="83" />
        <source>Center name</source>
        <translation>中心名称</translation>
    </message>
    <message>
        <location filename="../../gui/pages/settings_page.py" line="84" />
        <source>Town</source>
        <translation>所属镇(街)</translation>
    </message>
    <message>
        <location filename="../../gui/pages/settings_page.py" line="85" />
        <source>Village</source>
        <translation>村(社区)</translation>
    </message>
    <message>
        <location filename="../../gui/pages/settings_page.py" line="86" />
        <source>Archive keeper (your name, written into the change history)</source>
        <translation>档案管理员（您的姓名，会写入修改记录）</translation>
    </message>
    <message>
        <location filename="../../gui/pages/settings_page.py" line="87" />
        <source>Phone</source>
        <translation>联系电话</translation>
    </message>
    <message>
        <location filename="../../gui/pages/settings_page.py" line="88" />
        <source>Address</source>
        <translation>地址</translation>
    </message>
    <message>
        <location filename="../../gui/pages/settings_page.py" line="89" />
        <source>全宗号 (fonds number)</source>
        <translation>全宗号</translation>
    </message>
    <message>
        <location filename="../../gui/pages/settings_page.py" line="89" />
        <source>blank until assigned</source>
        <translation>未分配时留空</translation>
    </message>
    <message>
        <location filename="../../gui/pages/settings_page.py" line="90" />
        <source>保管期限 (retention by kind)</source>
        <translation>保管期限（按类别）</translation>
    </message>
    <message>
        <location filename="../../gui/pages/settings_page.py" line="95" />
        <source>Save center profile</source>
        <translation>保存中心资料</translation>
    </message>
    <message>
        <location filename="../../gui/pages/settings_page.py" line="105" />
        <source>Safety</source>
        <translation>安全</translation>
    </message>
    <message>
        <location filename="../../gui/pages/settings_page.py" line="107" />
        <source>Back up now</source>
        <translation>立即备份</translation>
    </message>
    <message>
        <location filename="../../gui/pages/settings_page.py" line="109" />
        <source>Run the completeness self-check</source>
        <translation>进行完整性自查</translation>
    </message>
    <message>
        <location filename="../../gui/pages/settings_page.py" line="137" />
        <source>Archive file: {path}
Backups: {folder}</source>
        <translation>档案文件：{path}
备份位置：{folder}</translation>
    </message>
    <message>
        <location filename="../../gui/pages/settings_page.py" line="150" />
        <location filename="../../gui/pages/settings_page.py" line="181" />
        <source>Saved.</source>
        <translation>已保存。</translation>
    </message>
    <message>
        <location filename="../../gui/pages/settings_page.py" line="187" />
        <source>Backup written: {path}</source>
        <translation>备份已保存：{path}</translation>
    </message>
    <message>
        <location filename="../../gui/pages/settings_page.py" line="195" />
        <source>Checking…</source>
        <translation>正在检查…</translation>
    </message>
    <message>
        <location filename="../../gui/pages/settings_page.py" line="200" />
        <source>Self-check finished: {n} findings, {e} errors.</source>
        <translation>自查完成：共 {n} 项提醒，其中 {e} 项错误。</translation>
    </message>
    <message>
        <location filename="../../gui/pages/settings_page.py" line="202" />
        <source>The archive file is sound.</source>
        <translation>档案文件完好。</translation>
    </message>
    <message>
        <location filename="../../gui/pages/settings_page.py" line="204" />
        <source>The archive file has problems: please contact the town station.</source>
        <translation>档案文件有问题，请联系镇街文体服务中心。</translation>
    </message>
    <message>
        <location filename="../../gui/pages/settings_page.py" line="206" />
        <location filename="../../gui/pages/settings_page.py" line="208" />
        <source>Completeness self-check</source>
        <translation>完整性自查</translation>
    </message>
</context>
<context>
    <name>Shell</name>
    <message>
        <location filename="../../gui/app.py" line="96" />
        <source>Opening the archive</source>
        <translation>正在打开档案</translation>
    </message>
    <message>
        <location filename="../../gui/app.py" line="108" />
        <source>Archive in use</source>
        <translation>档案正在使用</translation>
    </message>
    <message>
        <location filename="../../gui/app.py" line="112" />
        <location filename="../../gui/app.py" line="115" />
        <source>Archive damaged</source>
        <translation>档案已损坏</translation>
    </message>
    <message>
        <location filename="../../gui/app.py" line="116" />
        <source>Restore the newest good backup now? The damaged file is kept as a copy in the backup folder.</source>
        <translation>现在恢复最近的完好备份吗？损坏的文件会保留一份在备份文件夹里。</translation>
    </message>
    <message>
        <location filename="../../gui/app.py" line="125" />
        <source>Restore failed</source>
        <translation>恢复失败</translation>
    </message>
    <message>
        <location filename="../../gui/app.py" line="129" />
        <source>Cannot open the archive</source>
        <translation>无法打开档案</translation>
    </message>
    <message>
        <location filename="../../gui/app.py" line="218" />
        <source>Building the demo archive…</source>
        <translation>正在生成示例档案…</translation>
    </message>
    <message>
        <location filename="../../gui/app.py" line="222" />
        <source>Demo archive</source>
        <translation>示例档案</translation>
    </message>
</context>
<context>
    <name>WelcomeWindow</name>
    <message>
        <location filename="../../gui/welcome.py" line="181" />
        <source>Creating the archive</source>
        <translation>正在新建档案</translation>
    </message>
    <message>
        <location filename="../../gui/welcome.py" line="35" />
        <source>Village Archive — welcome</source>
        <translation>村级文化档案 — 欢迎</translation>
    </message>
    <message>
        <location filename="../../gui/welcome.py" line="41" />
        <source>Language</source>
        <translation>界面语言</translation>
    </message>
    <message>
        <location filename="../../gui/welcome.py" line="45" />
        <source>Welcome to Village Archive</source>
        <translation>欢迎使用村级文化档案</translation>
    </message>
    <message>
        <location filename="../../gui/welcome.py" line="51" />
        <source>Keep the archive of your village cultural service center: activities, equipment, opening hours. Everything stays on this computer.</source>
        <translation>管理村(社区)综合性文化服务中心的档案：活动、设备、开放时间。所有资料都保存在这台电脑上。</translation>
    </message>
    <message>
        <location filename="../../gui/welcome.py" line="57" />
        <source>There is no archive at {path} yet. Fill in your center below and press “Create archive”: it is created there.</source>
        <translation>{path} 还没有档案。请在下面填写本中心的资料，再点“新建档案”，档案就建在这个位置。</translation>
    </message>
    <message>
        <location filename="../../gui/welcome.py" line="64" />
        <source>Create a new archive for your center</source>
        <translation>为本中心新建档案</translation>
    </message>
    <message>
        <location filename="../../gui/welcome.py" line="68" />
        <source>Center name</source>
        <translation>中心名称</translation>
    </message>
    <message>
        <location filename="../../gui/welcome.py" line="69" />
        <source>Town</source>
        <translation>所属镇(街)</translation>
    </message>
    <message>
        <location filename="../../gui/welcome.py" line="70" />
        <source>Village</source>
        <translation>村(社区)</translation>
    </message>
    <message>
        <location filename="../../gui/welcome.py" line="71" />
        <source>Center code (letters and digits, optional)</source>
        <translation>中心编码（字母和数字，可不填）</translation>
    </message>
    <message>
        <location filename="../../gui/welcome.py" line="72" />
        <source>Archive keeper</source>
        <translation>档案管理员</translation>
    </message>
    <message>
        <location filename="../../gui/welcome.py" line="73" />
        <source>Phone</source>
        <translation>联系电话</translation>
    </message>
    <message>
        <location filename="../../gui/welcome.py" line="74" />
        <source>Address</source>
        <translation>地址</translation>
    </message>
    <message>
        <location filename="../../gui/welcome.py" line="75" />
        <source>Weekly opening standard (hours)</source>
        <translation>每周开放标准（小时）</translation>
    </message>
    <message>
        <location filename="../../gui/welcome.py" line="76" />
        <source>Yes, this center is a demonstration center</source>
        <translation>是，本中心是示范点</translation>
    </message>
    <message>
        <location filename="../../gui/welcome.py" line="77" />
        <source>Demonstration</source>
        <translation>示范点</translation>
    </message>
    <message>
        <location filename="../../gui/welcome.py" line="81" />
        <location filename="../../gui/welcome.py" line="86" />
        <source>Archive file</source>
        <translation>档案文件</translation>
    </message>
    <message>
        <location filename="../../gui/welcome.py" line="83" />
        <source>Choose…</source>
        <translation>选择…</translation>
    </message>
    <message>
        <location filename="../../gui/welcome.py" line="91" />
        <source>Create archive</source>
        <translation>新建档案</translation>
    </message>
    <message>
        <location filename="../../gui/welcome.py" line="99" />
        <source>Open an existing archive…</source>
        <translation>打开已有档案…</translation>
    </message>
    <message>
        <location filename="../../gui/welcome.py" line="101" />
        <source>Open the demo archive</source>
        <translation>打开示例档案</translation>
    </message>
    <message>
        <location filename="../../gui/welcome.py" line="118" />
        <source>Where to keep the archive</source>
        <translation>档案保存位置</translation>
    </message>
    <message>
        <location filename="../../gui/welcome.py" line="119" />
        <source>Archive files (*.db)</source>
        <translation>档案文件 (*.db)</translation>
    </message>
    <message>
        <location filename="../../gui/welcome.py" line="124" />
        <source>Open an archive</source>
        <translation>打开档案</translation>
    </message>
    <message>
        <location filename="../../gui/welcome.py" line="125" />
        <source>Archive files (*.db);;All files (*)</source>
        <translation>档案文件 (*.db);;所有文件 (*)</translation>
    </message>
    <message>
        <location filename="../../gui/welcome.py" line="146" />
        <source>Please choose where to keep the archive file.</source>
        <translation>请选择档案文件的保存位置。</translation>
    </message>
</context>
<context>
    <name>Widgets</name>
    <message>
        <location filename="../../gui/widgets.py" line="45" />
        <source>e.g. {value}</source>
        <translation>例如 {value}</translation>
    </message>
</context>
</TS>