<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>ReportsPage</name>
    <message>
        <location filename="../../gui/pages/reports_page.py" line="73"/>
        <source>Period</source>
        <translation>期间</translation>
    </message>
    <message>
        <location filename="../../gui/pages/reports_page.py" line="75"/>
        <source>A whole year</source>
        <translation>全年</translation>
    </message>
    <message>
        <location filename="../../gui/pages/reports_page.py" line="76"/>
        <source>A quarter</source>
        <translation>一个季度</translation>
    </message>
    <message>
        <location filename="../../gui/pages/reports_page.py" line="77"/>
        <source>From a date to a date</source>
        <translation>起止日期</translation>
    </message>
    <message>
        <location filename="../../gui/pages/reports_page.py" line="84"/>
        <source>Year</source>
        <translation>年份</translation>
    </message>
    <message>
        <location filename="../../gui/pages/reports_page.py" line="90"/>
        <source>Quarter</source>
        <translation>季度</translation>
    </message>
    <message>
        <location filename="../../gui/pages/reports_page.py" line="94"/>
        <source>Quarter {n}</source>
        <translation>第{n}季度</translation>
    </message>
    <message>
        <location filename="../../gui/pages/reports_page.py" line="107"/>
        <source>From</source>
        <translation>从</translation>
    </message>
    <message>
        <location filename="../../gui/pages/reports_page.py" line="109"/>
        <source>to</source>
        <translation>至</translation>
    </message>
    <message>
        <location filename="../../gui/pages/reports_page.py" line="114"/>
        <source>Sections</source>
        <translation>包含的部分</translation>
    </message>
    <message>
        <location filename="../../gui/pages/reports_page.py" line="119"/>
        <source>Profile and facilities</source>
        <translation>中心概况与场地设施</translation>
    </message>
    <message>
        <location filename="../../gui/pages/reports_page.py" line="120"/>
        <source>Summary with charts</source>
        <translation>工作汇总（含统计图）</translation>
    </message>
    <message>
        <location filename="../../gui/pages/reports_page.py" line="121"/>
        <source>Activity register</source>
        <translation>活动登记表</translation>
    </message>
    <message>
        <location filename="../../gui/pages/reports_page.py" line="122"/>
        <source>Equipment ledger and acceptance</source>
        <translation>设备台账与验收</translation>
    </message>
    <message>
        <location filename="../../gui/pages/reports_page.py" line="123"/>
        <source>Opening hours and closures</source>
        <translation>开放时间与闭馆公告</translation>
    </message>
    <message>
        <location filename="../../gui/pages/reports_page.py" line="124"/>
        <source>Photo appendix</source>
        <translation>照片附录</translation>
    </message>
    <message>
        <location filename="../../gui/pages/reports_page.py" line="125"/>
        <source>Completeness self-check</source>
        <translation>完整性自查</translation>
    </message>
    <message>
        <location filename="../../gui/pages/reports_page.py" line="126"/>
        <source>Indicator checklist</source>
        <translation>达标对照表</translation>
    </message>
    <message>
        <location filename="../../gui/pages/reports_page.py" line="126"/>
        <source>Catalogue of items and sign-off</source>
        <translation>卷内目录与审核签字</translation>
    </message>
    <message>
        <location filename="../../gui/pages/reports_page.py" line="137"/>
        <source>Generate the dossier</source>
        <translation>生成检查档案汇编</translation>
    </message>
    <message>
        <location filename="../../gui/pages/reports_page.py" line="140"/>
        <source>Print…</source>
        <translation>打印…</translation>
    </message>
    <message>
        <location filename="../../gui/pages/reports_page.py" line="143"/>
        <source>Save as…</source>
        <translation>另存为…</translation>
    </message>
    <message>
        <location filename="../../gui/pages/reports_page.py" line="146"/>
        <location filename="../../gui/pages/reports_page.py" line="281"/>
        <source>Open the last dossier</source>
        <translation>打开上次生成的汇编</translation>
    </message>
    <message>
        <location filename="../../gui/pages/reports_page.py" line="182"/>
        <source>The archive has changed since this dossier was generated: generate it again before printing.</source>
        <translation>生成这份汇编之后档案又有改动，打印前请重新生成。</translation>
    </message>
    <message>
        <location filename="../../gui/pages/reports_page.py" line="220"/>
        <location filename="../../gui/pages/reports_page.py" line="254"/>
        <source>Cannot generate the dossier</source>
        <translation>无法生成检查档案汇编</translation>
    </message>
    <message>
        <location filename="../../gui/pages/reports_page.py" line="228"/>
        <source>Generating the dossier…</source>
        <translation>正在生成检查档案汇编……</translation>
    </message>
    <message>
        <location filename="../../gui/pages/reports_page.py" line="229"/>
        <source>Generating the inspection dossier</source>
        <translation>正在生成检查档案汇编</translation>
    </message>
    <message>
        <location filename="../../gui/pages/reports_page.py" line="243"/>
        <source>Dossier for {period}: {pages} pages. Print it or save it.</source>
        <translation>{period}检查档案汇编已生成，共 {pages} 页。可以打印或另存。</translation>
    </message>
    <message>
        <location filename="../../gui/pages/reports_page.py" line="250"/>
        <source>Cancelled.</source>
        <translation>已取消。</translation>
    </message>
    <message>
        <location filename="../../gui/pages/reports_page.py" line="258"/>
        <source>The dossier could not be generated.</source>
        <translation>未能生成检查档案汇编。</translation>
    </message>
    <message>
        <location filename="../../gui/pages/reports_page.py" line="282"/>
        <source>No dossier has been generated for this archive yet.</source>
        <translation>这个档案还没有生成过检查档案汇编，请先点击“生成检查档案汇编”。</translation>
    </message>
    <message>
        <location filename="../../gui/pages/reports_page.py" line="288"/>
        <source>The last dossier, generated {when}: {pages} pages.</source>
        <translation>上次生成的汇编（{when}），共 {pages} 页。</translation>
    </message>
    <message>
        <location filename="../../gui/pages/reports_page.py" line="297"/>
        <source>Save the dossier</source>
        <translation>保存检查档案汇编</translation>
    </message>
    <message>
        <location filename="../../gui/pages/reports_page.py" line="298"/>
        <source>PDF files (*.pdf)</source>
        <translation>PDF 文件 (*.pdf)</translation>
    </message>
    <message>
        <location filename="../../gui/pages/reports_page.py" line="306"/>
        <source>Cannot save the dossier</source>
        <translation>无法保存检查档案汇编</translation>
    </message>
    <message>
        <location filename="../../gui/pages/reports_page.py" line="308"/>
        <source>Saved: {path}</source>
        <translation>已保存：{path}</translation>
    </message>
    <message>
        <location filename="../../gui/pages/reports_page.py" line="312"/>
        <source>Inspection dossier</source>
        <translation>检查档案汇编</translation>
    </message>
    <message>
        <location filename="../../gui/pages/reports_page.py" line="325"/>
        <source>Sent {pages} pages to the printer.</source>
        <translation>已发送 {pages} 页到打印机。</translation>
    </message>
    <message>
        <location filename="../../gui/pages/reports_page.py" line="338"/>
        <source>Cannot print</source>
        <translation>无法打印</translation>
    </message>
    <message>
        <location filename="../../gui/pages/reports_page.py" line="338"/>
        <source>The printer could not be started.</source>
        <translation>打印机无法启动，请检查打印机是否已连接并开机。</translation>
    </message>
</context>
</TS>
