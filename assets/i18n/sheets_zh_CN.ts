<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>ImportSheetDialog</name>
    <message>
        <location filename="../../gui/sheet_actions.py" line="139"/>
        <source>Import from a spreadsheet</source>
        <translation>从表格导入</translation>
    </message>
    <message>
        <location filename="../../gui/sheet_actions.py" line="144"/>
        <source>Kind of sheet:</source>
        <translation>表格类型：</translation>
    </message>
    <message>
        <location filename="../../gui/sheet_actions.py" line="153"/>
        <source>Choose an .xlsx or .csv file</source>
        <translation>请选择 .xlsx 或 .csv 文件</translation>
    </message>
    <message>
        <location filename="../../gui/sheet_actions.py" line="155"/>
        <source>Choose file…</source>
        <translation>选择文件…</translation>
    </message>
    <message>
        <location filename="../../gui/sheet_actions.py" line="158"/>
        <source>Save a blank template…</source>
        <translation>保存空白模板…</translation>
    </message>
    <message>
        <location filename="../../gui/sheet_actions.py" line="163"/>
        <source>Choose the file to import. Nothing is imported before you confirm.</source>
        <translation>请选择要导入的文件。在您确认之前，不会导入任何数据。</translation>
    </message>
    <message>
        <location filename="../../gui/sheet_actions.py" line="179"/>
        <source>Import only the rows without problems (the other rows are skipped)</source>
        <translation>只导入没有问题的行（有问题的行将被跳过）</translation>
    </message>
    <message>
        <location filename="../../gui/sheet_actions.py" line="185"/>
        <source>Import</source>
        <translation>导入</translation>
    </message>
    <message>
        <location filename="../../gui/sheet_actions.py" line="188"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../../gui/sheet_actions.py" line="200"/>
        <source>Choose the spreadsheet to import</source>
        <translation>选择要导入的表格</translation>
    </message>
    <message>
        <location filename="../../gui/sheet_actions.py" line="202"/>
        <source>Spreadsheets (*.xlsx *.csv);;All files (*)</source>
        <translation>表格文件 (*.xlsx *.csv);;所有文件 (*)</translation>
    </message>
    <message>
        <location filename="../../gui/sheet_actions.py" line="214"/>
        <location filename="../../gui/sheet_actions.py" line="221"/>
        <source>Checking the sheet…</source>
        <translation>正在检查表格…</translation>
    </message>
    <message>
        <location filename="../../gui/sheet_actions.py" line="235"/>
        <source>The file could not be read.</source>
        <translation>无法读取这个文件。</translation>
    </message>
    <message>
        <location filename="../../gui/sheet_actions.py" line="254"/>
        <source>The sheet cannot be imported: see the problems below.</source>
        <translation>这个表格不能导入，请看下面列出的问题。</translation>
    </message>
    <message>
        <location filename="../../gui/sheet_actions.py" line="256"/>
        <source>{rows} rows read; {bad} rows have problems (highlighted). Correct them in the spreadsheet and choose the file again, or import only the rows without problems.</source>
        <translation>共读取 {rows} 行，其中 {bad} 行有问题（已用红色标出）。请在表格中改正后重新选择文件，或者选择只导入没有问题的行。</translation>
    </message>
    <message>
        <location filename="../../gui/sheet_actions.py" line="258"/>
        <source>{rows} rows read, no problems found. Rows already in the archive will be skipped.</source>
        <translation>共读取 {rows} 行，没有发现问题。档案中已有的记录会自动跳过，不会重复导入。</translation>
    </message>
    <message>
        <location filename="../../gui/sheet_actions.py" line="284"/>
        <source>Save a blank template</source>
        <translation>保存空白模板</translation>
    </message>
    <message>
        <location filename="../../gui/sheet_actions.py" line="286"/>
        <source>Excel workbook (*.xlsx)</source>
        <translation>Excel 工作簿 (*.xlsx)</translation>
    </message>
    <message>
        <location filename="../../gui/sheet_actions.py" line="296"/>
        <source>Template not saved</source>
        <translation>模板未保存</translation>
    </message>
    <message>
        <location filename="../../gui/sheet_actions.py" line="298"/>
        <source>Template saved to {path}.</source>
        <translation>模板已保存到 {path}。</translation>
    </message>
    <message>
        <location filename="../../gui/sheet_actions.py" line="299"/>
        <source>Template saved</source>
        <translation>模板已保存</translation>
    </message>
    <message>
        <location filename="../../gui/sheet_actions.py" line="314"/>
        <source>Importing…</source>
        <translation>正在导入…</translation>
    </message>
    <message>
        <location filename="../../gui/sheet_actions.py" line="319"/>
        <location filename="../../gui/sheet_actions.py" line="328"/>
        <source>Nothing imported</source>
        <translation>没有导入任何数据</translation>
    </message>
    <message>
        <location filename="../../gui/sheet_actions.py" line="332"/>
        <source>{added} rows added, {existing} already in the archive, {invalid} skipped because of problems.</source>
        <translation>新增 {added} 行；{existing} 行档案中已有；{invalid} 行因有问题而跳过。</translation>
    </message>
    <message>
        <location filename="../../gui/sheet_actions.py" line="335"/>
        <source>Import finished</source>
        <translation>导入完成</translation>
    </message>
</context>
<context>
    <name>SheetActions</name>
    <message>
        <location filename="../../gui/sheet_actions.py" line="46"/>
        <source>Activities</source>
        <translation>活动</translation>
    </message>
    <message>
        <location filename="../../gui/sheet_actions.py" line="47"/>
        <source>Equipment ledger</source>
        <translation>设备台账</translation>
    </message>
    <message>
        <location filename="../../gui/sheet_actions.py" line="48"/>
        <source>Opening log</source>
        <translation>开放登记</translation>
    </message>
    <message>
        <location filename="../../gui/sheet_actions.py" line="349"/>
        <source>Cannot import</source>
        <translation>无法导入</translation>
    </message>
    <message>
        <location filename="../../gui/sheet_actions.py" line="350"/>
        <source>Open an archive for writing first.</source>
        <translation>请先打开一个可以修改的档案。</translation>
    </message>
    <message>
        <location filename="../../gui/sheet_actions.py" line="361"/>
        <source>Cannot export</source>
        <translation>无法导出</translation>
    </message>
    <message>
        <location filename="../../gui/sheet_actions.py" line="362"/>
        <source>Open an archive first.</source>
        <translation>请先打开一个档案。</translation>
    </message>
    <message>
        <location filename="../../gui/sheet_actions.py" line="368"/>
        <source>Export to a spreadsheet</source>
        <translation>导出为表格</translation>
    </message>
    <message>
        <location filename="../../gui/sheet_actions.py" line="370"/>
        <source>Excel workbook (*.xlsx)</source>
        <translation>Excel 工作簿 (*.xlsx)</translation>
    </message>
    <message>
        <location filename="../../gui/sheet_actions.py" line="383"/>
        <source>Export finished</source>
        <translation>导出完成</translation>
    </message>
    <message>
        <location filename="../../gui/sheet_actions.py" line="384"/>
        <source>{count} rows exported to {path}.</source>
        <translation>已导出 {count} 行到 {path}。</translation>
    </message>
    <message>
        <location filename="../../gui/sheet_actions.py" line="387"/>
        <source>Exporting…</source>
        <translation>正在导出…</translation>
    </message>
</context>
</TS>
