<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>ExchangePage</name>
    <message>
        <location filename="../../gui/pages/exchange_page.py" line="69"/>
        <source>Export</source>
        <translation>导出</translation>
    </message>
    <message>
        <location filename="../../gui/pages/exchange_page.py" line="71"/>
        <source>Import and overview</source>
        <translation>导入与总览</translation>
    </message>
    <message>
        <location filename="../../gui/pages/exchange_page.py" line="79"/>
        <source>Export the archive file for the level above</source>
        <translation>导出档案文件，报送上级</translation>
    </message>
    <message>
        <location filename="../../gui/pages/exchange_page.py" line="81"/>
        <source>The file holds every record, signed with this center&apos;s key, and the year&apos;s dossier.</source>
        <translation>档案文件包含全部记录和所选年度的检查档案汇编，并用本中心的密钥签名。</translation>
    </message>
    <message>
        <location filename="../../gui/pages/exchange_page.py" line="82"/>
        <source>Take it to the town station on a USB stick.</source>
        <translation>请用 U 盘把它送到镇街文体服务中心。</translation>
    </message>
    <message>
        <location filename="../../gui/pages/exchange_page.py" line="86"/>
        <source>Dossier year</source>
        <translation>汇编年度</translation>
    </message>
    <message>
        <location filename="../../gui/pages/exchange_page.py" line="93"/>
        <source>Export to a folder…</source>
        <translation>导出到文件夹…</translation>
    </message>
    <message>
        <location filename="../../gui/pages/exchange_page.py" line="101"/>
        <source>Check an archive file</source>
        <translation>检查档案文件</translation>
    </message>
    <message>
        <location filename="../../gui/pages/exchange_page.py" line="103"/>
        <source>Check a file (four properties)…</source>
        <translation>四性检测…</translation>
    </message>
    <message>
        <location filename="../../gui/pages/exchange_page.py" line="114"/>
        <source>Import archive files…</source>
        <translation>导入档案文件…</translation>
    </message>
    <message>
        <location filename="../../gui/pages/exchange_page.py" line="117"/>
        <source>Allow an older file</source>
        <translation>允许导入较旧的文件</translation>
    </message>
    <message>
        <location filename="../../gui/pages/exchange_page.py" line="119"/>
        <source>Accept a new key (fingerprint checked by phone)</source>
        <translation>接受新密钥（已电话核对指纹）</translation>
    </message>
    <message>
        <location filename="../../gui/pages/exchange_page.py" line="123"/>
        <source>You can also drag archive files (.zip) onto this page.</source>
        <translation>也可以把档案文件（.zip）直接拖到本页。</translation>
    </message>
    <message>
        <location filename="../../gui/pages/exchange_page.py" line="127"/>
        <source>File</source>
        <translation>文件</translation>
    </message>
    <message>
        <location filename="../../gui/pages/exchange_page.py" line="127"/>
        <source>Result</source>
        <translation>结果</translation>
    </message>
    <message>
        <location filename="../../gui/pages/exchange_page.py" line="127"/>
        <source>Message</source>
        <translation>说明</translation>
    </message>
    <message>
        <location filename="../../gui/pages/exchange_page.py" line="135"/>
        <source>Year</source>
        <translation>年度</translation>
    </message>
    <message>
        <location filename="../../gui/pages/exchange_page.py" line="141"/>
        <source>Town report…</source>
        <translation>全镇汇总报告…</translation>
    </message>
    <message>
        <location filename="../../gui/pages/exchange_page.py" line="151"/>
        <source>Code</source>
        <translation>编码</translation>
    </message>
    <message>
        <location filename="../../gui/pages/exchange_page.py" line="152"/>
        <source>Town</source>
        <translation>镇(街)</translation>
    </message>
    <message>
        <location filename="../../gui/pages/exchange_page.py" line="153"/>
        <source>Village</source>
        <translation>村(社区)</translation>
    </message>
    <message>
        <location filename="../../gui/pages/exchange_page.py" line="154"/>
        <source>Keeper</source>
        <translation>档案管理员</translation>
    </message>
    <message>
        <location filename="../../gui/pages/exchange_page.py" line="155"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../gui/pages/exchange_page.py" line="156"/>
        <source>Last file</source>
        <translation>最近档案</translation>
    </message>
    <message>
        <location filename="../../gui/pages/exchange_page.py" line="157"/>
        <source>Activities this year</source>
        <translation>本年活动</translation>
    </message>
    <message>
        <location filename="../../gui/pages/exchange_page.py" line="158"/>
        <source>Equipment</source>
        <translation>设备</translation>
    </message>
    <message>
        <location filename="../../gui/pages/exchange_page.py" line="159"/>
        <source>Weekly hours / standard</source>
        <translation>每周开放/标准</translation>
    </message>
    <message>
        <location filename="../../gui/pages/exchange_page.py" line="160"/>
        <source>Findings</source>
        <translation>自查结果</translation>
    </message>
    <message>
        <location filename="../../gui/pages/exchange_page.py" line="172"/>
        <source>No archive is open.</source>
        <translation>没有打开档案。</translation>
    </message>
    <message>
        <location filename="../../gui/pages/exchange_page.py" line="183"/>
        <source>never</source>
        <translation>从未导出</translation>
    </message>
    <message>
        <location filename="../../gui/pages/exchange_page.py" line="186"/>
        <source>{name} ({code}) · key fingerprint {fp} · last export: {last}</source>
        <translation>{name}（{code}）· 密钥指纹 {fp} · 上次导出：{last}</translation>
    </message>
    <message>
        <location filename="../../gui/pages/exchange_page.py" line="207"/>
        <source>Choose the folder (for example the USB stick)</source>
        <translation>选择保存的文件夹（例如 U 盘）</translation>
    </message>
    <message>
        <location filename="../../gui/pages/exchange_page.py" line="212"/>
        <source>Exporting…</source>
        <translation>正在导出……</translation>
    </message>
    <message>
        <location filename="../../gui/pages/exchange_page.py" line="214"/>
        <source>Exporting the archive file</source>
        <translation>正在导出档案文件</translation>
    </message>
    <message>
        <location filename="../../gui/pages/exchange_page.py" line="221"/>
        <source>Saved {path}. Key fingerprint: {fp}.</source>
        <translation>已保存 {path}。密钥指纹：{fp}。</translation>
    </message>
    <message>
        <location filename="../../gui/pages/exchange_page.py" line="222"/>
        <source>Tell the receiver this fingerprint so they can check it.</source>
        <translation>请把指纹告诉接收单位，以便核对。</translation>
    </message>
    <message>
        <location filename="../../gui/pages/exchange_page.py" line="228"/>
        <source>The export stopped; no file was left behind.</source>
        <translation>导出已停止，没有留下文件。</translation>
    </message>
    <message>
        <location filename="../../gui/pages/exchange_page.py" line="230"/>
        <source>Cannot export</source>
        <translation>无法导出</translation>
    </message>
    <message>
        <location filename="../../gui/pages/exchange_page.py" line="234"/>
        <source>Choose an archive file</source>
        <translation>选择档案文件</translation>
    </message>
    <message>
        <location filename="../../gui/pages/exchange_page.py" line="235"/>
        <location filename="../../gui/pages/exchange_page.py" line="247"/>
        <source>Archive files (*.zip)</source>
        <translation>档案文件 (*.zip)</translation>
    </message>
    <message>
        <location filename="../../gui/pages/exchange_page.py" line="237"/>
        <source>Checking the archive file</source>
        <translation>正在检查档案文件</translation>
    </message>
    <message>
        <location filename="../../gui/pages/exchange_page.py" line="242"/>
        <source>Four-property check</source>
        <translation>四性检测</translation>
    </message>
    <message>
        <location filename="../../gui/pages/exchange_page.py" line="246"/>
        <source>Choose archive files</source>
        <translation>选择档案文件</translation>
    </message>
    <message>
        <location filename="../../gui/pages/exchange_page.py" line="263"/>
        <source>Importing archive files</source>
        <translation>正在导入档案文件</translation>
    </message>
    <message>
        <location filename="../../gui/pages/exchange_page.py" line="283"/>
        <source>Cannot import</source>
        <translation>无法导入</translation>
    </message>
    <message>
        <location filename="../../gui/pages/exchange_page.py" line="303"/>
        <source>Loading the overview</source>
        <translation>正在读取总览</translation>
    </message>
    <message>
        <location filename="../../gui/pages/exchange_page.py" line="311"/>
        <source>nothing sent</source>
        <translation>未报送</translation>
    </message>
    <message>
        <location filename="../../gui/pages/exchange_page.py" line="323"/>
        <source>{quarter}: target {target}%, planned {planned}%, built {actual}</source>
        <translation>{quarter}：目标 {target}%，计划 {planned}%，实际 {actual}</translation>
    </message>
    <message>
        <location filename="../../gui/pages/exchange_page.py" line="325"/>
        <source>{covered} of {total} centers built.</source>
        <translation>共 {total} 个中心，已建成 {covered} 个。</translation>
    </message>
    <message>
        <location filename="../../gui/pages/exchange_page.py" line="330"/>
        <source>Save the town report</source>
        <translation>保存全镇汇总报告</translation>
    </message>
    <message>
        <location filename="../../gui/pages/exchange_page.py" line="331"/>
        <source>town-report-{year}.pdf</source>
        <translation>全镇汇总报告-{year}.pdf</translation>
    </message>
    <message>
        <location filename="../../gui/pages/exchange_page.py" line="332"/>
        <source>PDF files (*.pdf)</source>
        <translation>PDF 文件 (*.pdf)</translation>
    </message>
    <message>
        <location filename="../../gui/pages/exchange_page.py" line="347"/>
        <source>Writing the town report</source>
        <translation>正在生成全镇汇总报告</translation>
    </message>
    <message>
        <location filename="../../gui/pages/exchange_page.py" line="350"/>
        <source>Town report</source>
        <translation>全镇汇总报告</translation>
    </message>
    <message>
        <location filename="../../gui/pages/exchange_page.py" line="350"/>
        <source>Saved {path}.</source>
        <translation>已保存 {path}。</translation>
    </message>
</context>
</TS>
