"""Layers a child understands: the background (paper colour or a picture to trace, dimmable),
the drawing, and the front drawing on top. Show or hide each; choose where to draw.
"""

from __future__ import annotations

from functools import partial
from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from kadr.core.importing import ImportProblem, import_background, import_gif_frames
from kadr.core.project import Project
from kadr.core.tools import ToolState
from kadr.i18n import tr
from kadr.ui.a11y import announce, big_enough, button, describe, label_button, slider
from kadr.ui.confirm import give_picture
from kadr.ui.layout import make_scrollable
from kadr.ui.wrapping import WrappedLabel


class LayersDialog(QDialog):
    said = Signal(str)

    def __init__(self, project: Project, tools: ToolState, current: int,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("layersDialog")
        self.setWindowTitle(tr("Layers"))
        self.project, self.tools, self.current = project, tools, current
        vis = project.settings.visible
        self.draw_on = {layer: button(f"draw_on_{layer}", self, checkable=True,
                                      on_click=partial(self.set_layer, layer))
                        for layer in ("drawing", "front")}
        label_button(self.draw_on["drawing"], tr("Draw on the drawing"),
                     tr("Draw on the main drawing layer"))
        label_button(self.draw_on["front"], tr("Draw in front"),
                     tr("Draw on the layer in front of the drawing"))
        give_picture(self.draw_on["drawing"], "brush")
        give_picture(self.draw_on["front"], "layers")
        self.shown = {}
        for layer, text, desc in (
            ("background", tr("Show the background"), tr("Show or hide the paper picture")),
            ("drawing", tr("Show the drawing"), tr("Show or hide the main drawing")),
            ("front", tr("Show the front"), tr("Show or hide the front drawing")),
        ):
            box = QCheckBox(text, self)
            box.setObjectName(f"show_{layer}")
            big_enough(box)
            box.setChecked(vis.get(layer, True))
            describe(box, text, desc)
            box.toggled.connect(lambda on, lay=layer: self.project.set_visible(lay, on))
            self.shown[layer] = box
        self.trace = button("background_import", self, on_click=self.choose_background)
        give_picture(self.trace, "trace")
        label_button(self.trace, tr("Picture to trace"),
                     tr("Put a picture under your drawing to trace it"))
        self.remove = button("background_remove", self, on_click=self.remove_background)
        give_picture(self.remove, "delete")
        label_button(self.remove, tr("Remove the picture"), tr("Take the picture to trace away"))
        self.dim_label = QLabel(tr("How strong the picture is"), self)
        self.dim = slider("background_dim", self, 10, 100, round(project.background.opacity * 100), 10)
        describe(self.dim, tr("How strong the picture is"),
                 tr("Make the picture to trace fainter or stronger"))
        self.dim.sliderReleased.connect(self._dim_done)
        self.dim.valueChanged.connect(self._dim_key)
        self.paper = button("paper_colour", self, on_click=self.choose_paper)
        give_picture(self.paper, "colours")
        label_button(self.paper, tr("Paper colour"), tr("Choose the colour of the paper"))
        self.gif = button("import_gif", self, on_click=self.choose_gif)
        give_picture(self.gif, "import_file")
        label_button(self.gif, tr("Pictures from a GIF"),
                     tr("Add every picture of an animated GIF after this one"))
        close = button("layers_close", self, on_click=self.accept)
        give_picture(close, "back")
        label_button(close, tr("Close"), tr("Go back to drawing"), "Esc")
        self.problem = WrappedLabel(self)  # a picture that could not be used, in plain words
        self.problem.setObjectName("layers_problem")
        self.problem.hide()
        layout = QVBoxLayout(self)
        row = QHBoxLayout()
        for b in self.draw_on.values():
            row.addWidget(b)
        layout.addLayout(row)
        for w in (*self.shown.values(), self.trace, self.remove, self.dim_label, self.dim,
                  self.paper, self.gif, self.problem, close):
            layout.addWidget(w)
        self._sync()
        self.body_scroll = make_scrollable(self, "layersScroll", below=(close,))

    def _sync(self) -> None:
        for layer, b in self.draw_on.items():
            b.setChecked(self.tools.layer == layer)
        has_picture = self.project.background.png is not None
        self.remove.setEnabled(has_picture)
        self.dim.setEnabled(has_picture)

    def set_layer(self, layer: str) -> None:
        self.tools.layer = layer
        self._sync()
        self.said.emit(tr("Drawing in front.") if layer == "front" else
                       tr("Drawing on the drawing."))

    def use_background(self, path: Path) -> bool:
        try:
            import_background(self.project, path)
        except ImportProblem as problem:
            self.show_problem(str(problem))
            return False
        self.problem.hide()
        self.dim.setValue(round(self.project.background.opacity * 100))
        self._sync()
        self.said.emit(tr("The picture is under your drawing now."))
        return True

    def show_problem(self, text: str) -> None:
        """Say what went wrong inside this window (no system message box)."""
        self.problem.setText(text)
        self.problem.show()
        announce(self, text, assertive=True)
        self.said.emit(text)

    def choose_background(self) -> None:
        """The thumbnail browser (no system file dialog for a child)."""
        from kadr.ui.picture_browser import choose_picture

        path = choose_picture(self, title=tr("Picture to trace"),
                              action=tr("Press Enter to put this picture under your drawing."))
        if path is not None:
            self.use_background(path)

    def remove_background(self) -> None:
        self.project.set_background(png=None)
        self._sync()
        self.said.emit(tr("The picture to trace is gone. Undo brings it back."))

    def _dim_key(self, value: int) -> None:
        if not self.dim.isSliderDown():  # keyboard changes apply at once
            self._dim_done()

    def _dim_done(self) -> None:
        opacity = self.dim.value() / 100
        if abs(opacity - self.project.background.opacity) > 1e-3:
            self.project.set_background(opacity=opacity)

    def choose_paper(self) -> None:
        """The big grid of named colours (no system colour chooser)."""
        from kadr.ui.colour_dialog import choose_colour

        colour = choose_colour(self, self.project.background.paper, tr("Paper colour"))
        if colour:
            self.use_paper(colour)

    def use_paper(self, colour: str) -> None:
        from kadr.core.tools import color_name

        self.project.set_background(paper=colour)
        self.said.emit(tr("Paper colour: {colour}", colour=color_name(colour)))

    def use_gif(self, path: Path) -> int:
        try:
            count = import_gif_frames(self.project, path, self.current)
        except ImportProblem as problem:
            self.show_problem(str(problem))
            return 0
        self.problem.hide()
        self.said.emit(tr("{count} pictures added.", count=count))
        return count

    def choose_gif(self) -> None:
        """The thumbnail browser, showing GIFs only."""
        from kadr.ui.picture_browser import choose_picture

        path = choose_picture(self, title=tr("Pictures from a GIF"),
                              action=tr("Press Enter to add the pictures of this GIF."),
                              suffixes=(".gif",))
        if path is not None:
            self.use_gif(path)
