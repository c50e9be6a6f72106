"""The document and everything that draws it. Knows no widgets (QtCore/QtGui only)."""
