"""Array aliases for the vision layer. OpenCV's stubs return loosely typed arrays, so
the aliases do not pin the dtype; each function's docstring states shape, dtype and
units (pixels or millimetres)."""

from __future__ import annotations

from typing import Any

import numpy.typing as npt

#: An image: H×W×3 BGR uint8 (a photo) or H×W uint8 (a mask or grey image).
Image = npt.NDArray[Any]
#: N×2 float points, in the pixels of the image they belong to.
Points = npt.NDArray[Any]
