"""Charts for the reports (reportlab.graphics), every label in the bundled CJK font (no Helvetica).

``bar_chart(labels, values, *, width, height, title, color=None) -> Drawing``: vertical bars with the
value over each bar. ``hbar_chart(labels, values, *, width, height, title) -> Drawing``: horizontal bars
(for categories with long names).
"""

from __future__ import annotations

from reportlab.graphics import shapes
from reportlab.graphics.charts.barcharts import HorizontalBarChart, VerticalBarChart
from reportlab.graphics.shapes import String
from reportlab.lib import colors

from .fonts import register_fonts
from .templates import HEAD_COLOR

BAR = colors.HexColor("#4A78B5")
BAR2 = colors.HexColor("#C9733A")


class Drawing(shapes.Drawing):
    """A Drawing whose renderer starts in the CJK font (ReportLab's default state would pull in
    an unembedded Helvetica even when every label sets its own font)."""

    def draw(self, showBoundary=shapes._unset_):
        font = register_fonts().regular
        saved = shapes.STATE_DEFAULTS["fontName"]
        shapes.STATE_DEFAULTS["fontName"] = font
        try:
            super().draw(showBoundary)
        finally:
            shapes.STATE_DEFAULTS["fontName"] = saved


def _nice_max(v: int) -> int:
    if v <= 5:
        return 5
    step = 10 ** (len(str(v)) - 1)
    for m in (1, 2, 2.5, 5, 10):
        if v <= m * step:
            return int(m * step)
    return v


def _style_axes(chart, font: str, size: float) -> None:
    for axis in (chart.categoryAxis, chart.valueAxis):
        axis.labels.fontName = font
        axis.labels.fontSize = size
    chart.barLabels.fontName = font
    chart.barLabels.fontSize = size - 0.5


def bar_chart(labels, values, *, width: float, height: float, title: str, color=None) -> Drawing:
    font = register_fonts().regular
    d = Drawing(width, height)
    d.add(String(width / 2, height - 12, title, fontName=font, fontSize=10, textAnchor="middle", fillColor=HEAD_COLOR))
    chart = VerticalBarChart()
    chart.x, chart.y = 30, 28
    chart.width, chart.height = width - 45, height - 55
    chart.data = [list(values) or [0]]
    chart.categoryAxis.categoryNames = list(labels) or [""]
    chart.valueAxis.valueMin = 0
    chart.valueAxis.valueMax = _nice_max(max(values, default=0))
    chart.valueAxis.valueStep = max(1, chart.valueAxis.valueMax // 5)
    chart.bars[0].fillColor = color or BAR
    chart.bars[0].strokeColor = None
    chart.barLabelFormat = "%d"
    chart.barLabels.nudge = 6
    chart.categoryAxis.labels.angle = 0 if len(chart.data[0]) <= 14 else 45
    chart.categoryAxis.labels.boxAnchor = "n" if len(chart.data[0]) <= 14 else "ne"
    _style_axes(chart, font, 7.5)
    d.add(chart)
    return d


def hbar_chart(labels, values, *, width: float, height: float, title: str) -> Drawing:
    font = register_fonts().regular
    d = Drawing(width, height)
    d.add(String(width / 2, height - 12, title, fontName=font, fontSize=10, textAnchor="middle", fillColor=HEAD_COLOR))
    chart = HorizontalBarChart()
    chart.x, chart.y = 62, 18
    chart.width, chart.height = width - 85, height - 40
    chart.data = [list(values) or [0]]
    chart.categoryAxis.categoryNames = list(labels) or [""]
    chart.categoryAxis.reverseDirection = 1
    chart.valueAxis.valueMin = 0
    chart.valueAxis.valueMax = _nice_max(max(values, default=0))
    chart.valueAxis.valueStep = max(1, chart.valueAxis.valueMax // 5)
    chart.bars[0].fillColor = BAR2
    chart.bars[0].strokeColor = None
    chart.barLabelFormat = "%d"
    chart.barLabels.nudge = 8
    _style_axes(chart, font, 7.5)
    d.add(chart)
    return d
