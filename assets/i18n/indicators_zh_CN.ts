<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>SettingsPage</name>
    <message>
        <location filename="../../gui/pages/settings_page.py" line="51"/>
        <source>Indicator checklist standard</source>
        <translation>达标对照表标准</translation>
    </message>
</context>
</TS>
