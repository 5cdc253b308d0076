"""Archive exchange (档案交换): signed BagIt archive files between village, town station and city.

Modules: ``schema`` (the record format and its checks), ``bagfile`` (safe reading of a zip), ``export``
(write a bag), ``verify`` (the four-property check 四性检测), ``importer`` (station import), ``overview``
(the station's plan and rollup). Their commands live in ``cli/exchange.py``. No Qt, no ReportLab.
"""
