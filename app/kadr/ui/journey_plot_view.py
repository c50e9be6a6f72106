"""A learner's lesson journey drawn as the core's plot (an SVG), with the plot's own words
(its ``<desc>``) as the widget's accessible description, so it is read, not only seen."""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent
from PySide6.QtSvg import QSvgRenderer
from PySide6.QtWidgets import QSizePolicy, QWidget

from kadr.classroom.journey_plot import JourneyStep, describe, journey, journey_svg
from kadr.classroom.learners import Learner
from kadr.i18n import tr
from kadr.lessons.progress import Progress


class JourneyPlotView(QWidget):
    """Draws the plot at its own proportions, as large as the widget allows."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("teacher_journey")
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)  # reached by Tab, read aloud
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.renderer = QSvgRenderer(self)
        self.svg = ""
        self.steps: list[JourneyStep] = []

    def show_learner(self, learner: Learner | None, titles: dict[str, str]) -> None:
        if learner is None:
            self.steps, self.svg = [], ""
            self.renderer.load(QByteArray())
            self.setAccessibleName(tr("Lesson journey"))
            self.setAccessibleDescription(tr("Choose a learner to see their lesson journey."))
        else:
            self.steps = journey(Progress(learner.progress_folder).data, titles)
            self.svg = journey_svg(learner.name, self.steps)
            self.renderer.load(QByteArray(self.svg.encode("utf-8")))
            self.setAccessibleName(tr("Lesson journey of {name}", name=learner.name))
            self.setAccessibleDescription(describe(learner.name, self.steps))
        self.setToolTip(self.accessibleDescription())
        self.updateGeometry()
        self.update()

    def sizeHint(self) -> QSize:  # noqa: N802
        size = self.renderer.defaultSize()
        return size if size.isValid() and not size.isEmpty() else QSize(400, 120)

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802
        painter = QPainter(self)
        if self.renderer.isValid():
            size = self.renderer.defaultSize().scaled(self.size(),
                                                      Qt.AspectRatioMode.KeepAspectRatio)
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            self.renderer.render(painter, QRectF(0, 0, size.width(), size.height()))
        if self.hasFocus():  # the theme's focus ring, as every control has
            from kadr.ui.confirm import current_theme

            pen = painter.pen()
            pen.setColor(QColor(current_theme()[0].focus))
            pen.setWidth(4)
            painter.setPen(pen)
            painter.drawRect(self.rect().adjusted(2, 2, -2, -2))
        painter.end()
