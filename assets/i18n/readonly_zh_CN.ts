<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../gui/main_window.py" line="104"/>
        <source>Read-only, cannot be changed: {path} is in a write-protected place. You can view, check and print; to make changes, copy the archive to a writable folder and open it there.</source>
        <translation>只读，无法修改：档案 {path} 位于写保护的位置（只读的 U 盘或文件夹）。可以查看、自查和打印；如需修改，请把档案复制到电脑上可以写入的文件夹，再从那里打开。</translation>
    </message>
</context>
</TS>
