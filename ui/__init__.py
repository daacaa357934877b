"""The station window: the only package that imports Qt (PySide6).

pydantic's fields are imported here, before any Qt module. PySide6 reads the source of
every module imported after it, asking each for ``__wrapped__`` on the way. pydantic
(2.14) loads its fields lazily, and its modules answer that question through an
import of their own, which fails while that lazy load is under way ("cannot import
name 'import_string' from partially initialized module"): the window could not start.
Loaded whole before Qt, pydantic answers plainly. `tests/e2e/test_station_process.py`
starts the station in a fresh process to hold this.
"""

import pydantic.fields  # noqa: F401  (see above: before PySide6)
