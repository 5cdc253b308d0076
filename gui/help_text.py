"""The short guide inside the app (帮助 → 使用说明): how to record, print and export."""

GUIDE_ZH = """
<h2>村级文化档案 使用说明</h2>
<h3>一、登记</h3>
<ol>
<li><b>活动</b>：左边点“活动”，再点“新建…”（或按 Ctrl+N）。填写日期、活动名称、类别、地点、参与人数，
把活动照片拖进右边的附件框（或点“添加文件…”），最后点“保存”（Ctrl+S）。档号由软件自动编写，不能修改。</li>
<li><b>设备</b>：点“设备”→“新建…”登记购置的设备。选中一台设备后，下方可以直接登记三级验收
（镇街现场验收、市局检查、上级检查组验收）和状态变更（维修、闲置、报废），日期都会保留。</li>
<li><b>开放时间</b>：在“每周开放时间表”里为每个场地添加开放时段，右上角显示本周开放小时数是否达到标准
（绿色达标、红色不足）。每天开馆后点“今日开放登记”，填写接待人数即可。临时闭馆要在
“闭馆公告”里登记，并至少提前 7 天公告。</li>
<li><b>改错和删除</b>：双击一条记录即可修改；删除时要写明原因。删除的记录不会丢失，
在“已删除记录”里选中后点“恢复”即可找回。“修改记录…”可以看到每一次改动。</li>
</ol>
<h3>二、打印</h3>
<p>点左边的“报表”，选择年份或季度，生成“检查档案汇编”PDF，预览后打印，供检查时查阅。</p>
<h3>三、导出和交换</h3>
<p>每个季度点“档案交换”，把本村档案导出成一个文件，用 U 盘交给镇街文体服务中心。
各登记页面的“导出 Excel…”可以把表格导出，“导入表格…”可以把原来的 Excel 台账导入。</p>
<h3>四、安全</h3>
<p>软件每天自动备份一次；在“设置”里可以“立即备份”，也可以做“完整性自查”，看看还缺哪些照片和登记。</p>
<p>快捷键：Ctrl+N 新建，Ctrl+F 搜索，Ctrl+S 保存，Delete 删除，F5 刷新。</p>
"""

GUIDE_EN = """
<h2>Village Archive: a short guide</h2>
<h3>1. Recording</h3>
<ol>
<li><b>Activities</b>: click “Activities”, then “New…” (Ctrl+N). Fill in date, title, category, location and
participants, drag the photos into the attachments box, then “Save” (Ctrl+S). The item number is given by the
archive and cannot be changed.</li>
<li><b>Equipment</b>: “Equipment” → “New…”. Select an item to record its three acceptance stages and status
changes below the table; every date is kept.</li>
<li><b>Opening hours</b>: add opening slots per facility in the weekly schedule; the weekly total shows green
when it meets the standard, red when not. Each day click “Log today's opening”. Post closures at least 7 days
ahead under “Closure notices”.</li>
<li><b>Corrections</b>: double-click a record to edit it; deleting asks for a reason; deleted records can be
shown and restored; “History…” shows every change.</li>
</ol>
<h3>2. Printing</h3><p>“Reports” renders the inspection dossier as a PDF to preview and print.</p>
<h3>3. Export</h3><p>“Archive exchange” writes the archive file for the town station each quarter;
“Export Excel…” and “Import sheet…” are on every register page.</p>
<p>Shortcuts: Ctrl+N new, Ctrl+F search, Ctrl+S save, Delete delete, F5 refresh.</p>
"""


def guide(language: str) -> str:
    return GUIDE_EN if language == "en" else GUIDE_ZH
