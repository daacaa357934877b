"""Train the crack model shipped in resources/vision/crack-net.onnx. The training
images are drawn by `vision.crack_synth` from fixed seeds, over the sample photos that
scikit-image ships, so the same command gives the same model (to within float
rounding); no vision-dev photo is used.

    .venv/bin/pip install torch==2.13.0 onnx scikit-image==0.26.0   # training only
    .venv/bin/python scripts/train_crack_model.py [--epochs 5] [--canvases 5000]

The network is fully convolutional: three poolings turn each 8×8 cell of the input
into one logit, "a crack passes through here", and two dilated convolutions give each
cell about 150 px of context. It is trained per cell on synthetic crops and exported
to ONNX, which `vision/crack_model.py` runs with onnxruntime on any image size. On
this project's 2-core machine training takes about 25 minutes.
"""

from __future__ import annotations

import argparse
import sys
import time
from multiprocessing import Pool
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import torch  # noqa: E402
from torch import nn  # noqa: E402

from vision import crack_synth  # noqa: E402

OUT = ROOT / "resources" / "vision" / "crack-net.onnx"


def block(cin: int, cout: int) -> list[nn.Module]:
    return [nn.Conv2d(cin, cout, 3, padding=1, bias=False), nn.BatchNorm2d(cout), nn.ReLU()]


def dilated(channels: int, dilation: int) -> list[nn.Module]:
    return [
        nn.Conv2d(channels, channels, 3, padding=dilation, dilation=dilation, bias=False),
        nn.BatchNorm2d(channels),
        nn.ReLU(),
    ]


class CrackNet(nn.Module):
    """uint8-range BGR input (N×3×H×W, H and W multiples of 8) → N×1×H/8×W/8 logits."""

    def __init__(self) -> None:
        super().__init__()
        self.body = nn.Sequential(
            *block(3, 12),
            *block(12, 12),
            nn.MaxPool2d(2),
            *block(12, 24),
            *block(24, 24),
            nn.MaxPool2d(2),
            *block(24, 32),
            *block(32, 32),
            nn.MaxPool2d(2),
            *block(32, 48),
            # Context: dilated convolutions let each cell see about 150 px around it,
            # enough to tell a crack network from the edge of an icon or a letter.
            *dilated(48, 2),
            *dilated(48, 4),
            nn.Conv2d(48, 1, 1),
        )

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.body(x / 255.0 - 0.5)


def sample_photos() -> list[np.ndarray]:
    """The colour and grey sample photos scikit-image ships (public domain or CC0):
    natural backdrops and screen contents with edges, text and texture."""
    import cv2
    import skimage.data

    folder = Path(skimage.data.__file__).parent
    photos = []
    for path in sorted(folder.glob("*.png")) + sorted(folder.glob("*.jpg")):
        image = cv2.imread(str(path), cv2.IMREAD_COLOR)
        if image is not None and min(image.shape[:2]) >= 128:
            photos.append(image)
    return photos


def _part(args: tuple[int, int]) -> tuple[np.ndarray, np.ndarray]:
    seed, canvases = args
    return crack_synth.dataset(seed, canvases, photos=sample_photos())


def make_data(seed: int, canvases: int) -> tuple[torch.Tensor, torch.Tensor]:
    parts = [(seed * 1000 + i, canvases // 8) for i in range(8)]
    with Pool(2) as pool:
        done = pool.map(_part, parts)
    images = np.concatenate([d[0] for d in done])
    targets = np.concatenate([d[1] for d in done])
    # Kept as uint8 (N×H×W×3) and made float a batch at a time: it saves 3 GB.
    return torch.from_numpy(images), torch.from_numpy(targets).long()


def as_input(images: torch.Tensor) -> torch.Tensor:
    return images.permute(0, 3, 1, 2).float()


def loss_of(logits: torch.Tensor, target: torch.Tensor) -> torch.Tensor:
    logits = logits.squeeze(1)
    keep = target != crack_synth.IGNORE
    return nn.functional.binary_cross_entropy_with_logits(logits[keep], target[keep].float())


def evaluate(model: nn.Module, images: torch.Tensor, targets: torch.Tensor) -> str:
    model.eval()
    with torch.no_grad():
        probs = torch.cat([torch.sigmoid(model(as_input(b))) for b in images.split(512)]).squeeze(1)
    keep = targets != crack_synth.IGNORE
    pos = (targets == 1) & keep
    neg = (targets == 0) & keep
    hit = probs > 0.5
    recall = float((hit & pos).sum() / pos.sum())
    false = float((hit & neg).sum() / neg.sum())
    crop_pos = pos.flatten(1).any(1)
    crop_hit = hit.flatten(1).sum(1) >= 2
    crop_recall = float((crop_hit & crop_pos).sum() / crop_pos.sum())
    crop_false = float((crop_hit & ~crop_pos).sum() / (~crop_pos).sum())
    return (
        f"cells: recall {recall:.1%} false {false:.2%}; "
        f"crops (2+ cells): recall {crop_recall:.1%} false {crop_false:.1%}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--epochs", type=int, default=5)
    parser.add_argument("--canvases", type=int, default=5000)
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args()
    torch.manual_seed(0)
    torch.set_num_threads(2)
    started = time.perf_counter()
    images, targets = make_data(1, args.canvases)
    val_images, val_targets = make_data(2, 800)
    took = time.perf_counter() - started
    print(f"data: {len(images)} crops, {len(val_images)} held out ({took:.0f} s)")
    model = CrackNet()
    optimiser = torch.optim.AdamW(model.parameters(), lr=3e-3, weight_decay=1e-4)
    steps = args.epochs * (len(images) // 64)
    schedule = torch.optim.lr_scheduler.OneCycleLR(optimiser, max_lr=3e-3, total_steps=steps)
    generator = torch.Generator().manual_seed(0)
    for epoch in range(args.epochs):
        model.train()
        order = torch.randperm(len(images), generator=generator)
        total = 0.0
        for batch in order.split(64)[: len(images) // 64]:
            optimiser.zero_grad()
            loss = loss_of(model(as_input(images[batch])), targets[batch])
            loss.backward()
            optimiser.step()
            schedule.step()
            total += float(loss.detach())
        print(
            f"epoch {epoch + 1}: loss {total / (len(images) // 64):.4f}; "
            f"{evaluate(model, val_images, val_targets)} ({time.perf_counter() - started:.0f} s)",
            flush=True,
        )
        export(model, args.out)
    print(f"wrote {args.out} ({args.out.stat().st_size / 1024:.0f} KiB)")


def export(model: nn.Module, out: Path) -> None:
    model.eval()
    out.parent.mkdir(parents=True, exist_ok=True)
    dummy = torch.zeros(1, 3, 128, 128)
    torch.onnx.export(
        model,
        (dummy,),
        str(out),
        input_names=["bgr"],
        output_names=["logits"],
        dynamic_axes={"bgr": {0: "n", 2: "h", 3: "w"}, "logits": {0: "n", 2: "h8", 3: "w8"}},
        opset_version=13,
        dynamo=False,
    )


if __name__ == "__main__":
    main()
