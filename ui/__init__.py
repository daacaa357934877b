"""The station window: the only package that imports Qt (PySide6)."""
