"""Reader pictures: decoding cost, cache speed and the start-up cost of ``images = true``.

    python benchmarks/pictures.py [--runs 5] [--smoke]

Measures ``normalize_image`` (Pillow decode, scale to 1280 px, re-encode) on
generated JPEG and PNG photos of several sizes, ``ImageCache`` put/get with
eviction at a small cap, and the import time of ``textual_image`` after textual
(what ``images = true`` adds to start-up) in a fresh interpreter. Prints a table;
asserts nothing about time.
"""

from __future__ import annotations

import argparse
import io
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(REPO / "src"), str(REPO)]

from beritatui.clock import system_clock  # noqa: E402
from beritatui.imagecache import ImageCache  # noqa: E402
from beritatui.imagefetch import normalize_image  # noqa: E402


def _photo(width: int, height: int, fmt: str) -> bytes:
    """A noisy photo-like picture (noise keeps the encoders honest)."""
    from PIL import Image

    noise = Image.effect_noise((width, height), 64).convert("RGB")
    out = io.BytesIO()
    noise.save(out, format=fmt, **({"quality": 90} if fmt == "JPEG" else {}))
    return out.getvalue()


def _median_ms(function: object, runs: int) -> float:
    assert callable(function)
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        function()
        times.append(time.perf_counter() - started)
    return statistics.median(times) * 1000


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="repeats per measure (median)")
    parser.add_argument("--smoke", action="store_true", help="small sizes, one run (for tests)")
    args = parser.parse_args(argv)
    runs = 1 if args.smoke else args.runs
    sizes = [(640, 360)] if args.smoke else [(640, 360), (1600, 900), (4000, 3000)]

    print(f"{'measure':<44} {'ms':>9}")
    for width, height in sizes:
        for fmt in ("JPEG", "PNG"):
            data = _photo(width, height, fmt)
            ms = _median_ms(lambda data=data: normalize_image(data), runs)
            label = f"normalize {fmt} {width}×{height} ({len(data) // 1024} KB)"
            print(f"{label:<44} {ms:9.1f}")

    with tempfile.TemporaryDirectory() as root:
        count = 50 if args.smoke else 500
        cache = ImageCache(Path(root), 2 * 1024 * 1024, system_clock)
        blob = b"0" * (40 * 1024)
        started = time.perf_counter()
        for i in range(count):
            cache.put(f"https://x.id/{i}.jpg", blob, ".jpg")
        put_ms = (time.perf_counter() - started) * 1000 / count
        started = time.perf_counter()
        for i in range(count):
            cache.get(f"https://x.id/{i}.jpg")
        get_ms = (time.perf_counter() - started) * 1000 / count
        stats = cache.stats()
        print(f"{f'ImageCache.put 40 KB, 2 MB cap (per call, n={count})':<44} {put_ms:9.3f}")
        print(f"{f'ImageCache.get (per call, n={count})':<44} {get_ms:9.3f}")
        print(f"{'  files kept at the cap':<44} {stats.files:9d}")

    # textual and rich first: the app has them anyway; what is left is textual-image and Pillow.
    code = "import time, textual.app, textual.widget; t = time.perf_counter(); "
    code += "import textual_image.widget; "
    code += "print((time.perf_counter() - t) * 1000)"
    imports = []
    for _ in range(runs):
        done = subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, check=True
        )
        imports.append(float(done.stdout.strip()))
    label = "import textual_image.widget after textual"
    print(f"{label:<44} {statistics.median(imports):9.1f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
