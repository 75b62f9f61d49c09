"""Score beritatui's extractor on the AEB benchmark, next to trafilatura's defaults.

    python benchmarks/extraction.py [BENCH_DIR]      # AEB (default: ../shared/bench/aeb)
    python benchmarks/extraction.py --fixtures       # our Indonesian fixture pages
    python benchmarks/extraction.py --smoke          # both paths on 3 fixture pages (seconds)

The AEB metric (see the bench README): ``\\w+`` tokens, 4-token shingles as
multisets, per-page TP/FP/FN normalised by their sum; precision and recall are
means over pages, F1 is the harmonic mean of those means; accuracy is the share
of pages whose token lists are identical. Our prediction is ``ExtractedArticle.text``.
"""

from __future__ import annotations

import argparse
import gzip
import json
import logging
import re
import statistics
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
if str(REPO / "src") not in sys.path:
    sys.path.insert(0, str(REPO / "src"))

from beritatui.extract import extract_article, merge_pages  # noqa: E402
from beritatui.models import ExtractedArticle  # noqa: E402

DEFAULT_BENCH = REPO.parent / "shared" / "bench" / "aeb"
FIXTURES = REPO / "tests" / "fixtures" / "pages"
HELD_OUT = REPO / "tests" / "fixtures" / "heldout"
"""Pages written before the extractor changes they test, never tuned on: report, don't fit."""
_TOKEN = re.compile(r"\w+")


@dataclass(frozen=True, slots=True)
class PageScore:
    """Normalised TP/FP/FN of one page and whether its tokens matched exactly."""

    tp: float
    fp: float
    fn: float
    exact: bool


@dataclass(frozen=True, slots=True)
class Score:
    """Benchmark totals."""

    precision: float
    recall: float
    f1: float
    accuracy: float


def shingles(text: str) -> Counter[tuple[str, ...]]:
    """4-token shingles of ``text`` as a multiset (all tokens if fewer than 4)."""
    tokens = _TOKEN.findall(text or "")
    if len(tokens) < 4:
        return Counter([tuple(tokens)]) if tokens else Counter()
    return Counter(tuple(tokens[i : i + 4]) for i in range(len(tokens) - 3))


def score_page(predicted: str, truth: str) -> PageScore:
    """One page's normalised TP/FP/FN."""
    pred, true = shingles(predicted), shingles(truth)
    tp = sum((pred & true).values())
    fp = sum(pred.values()) - tp
    fn = sum(true.values()) - tp
    total = tp + fp + fn
    exact = _TOKEN.findall(predicted or "") == _TOKEN.findall(truth or "")
    if total == 0:
        return PageScore(0.0, 0.0, 0.0, exact)
    return PageScore(tp / total, fp / total, fn / total, exact)


def aggregate(pages: Sequence[PageScore]) -> Score:
    """Mean precision and recall over pages, F1 of the means, exact-match accuracy."""
    precisions = [p.tp / (p.tp + p.fp) for p in pages if p.tp + p.fp > 0]
    recalls = [p.tp / (p.tp + p.fn) for p in pages if p.tp + p.fn > 0]
    precision = statistics.fmean(precisions) if precisions else 0.0
    recall = statistics.fmean(recalls) if recalls else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    accuracy = sum(p.exact for p in pages) / len(pages) if pages else 0.0
    return Score(precision, recall, f1, accuracy)


def load_aeb(bench: Path) -> list[tuple[str, bytes, str, str]]:
    """(id, html bytes, url, true body) for every AEB page."""
    truth = json.loads((bench / "ground-truth.json").read_text(encoding="utf-8"))
    pages = []
    for page_id, item in sorted(truth.items()):
        html = gzip.decompress((bench / "html" / f"{page_id}.html.gz").read_bytes())
        pages.append((page_id, html, item.get("url") or "", item.get("articleBody") or ""))
    return pages


def _timed(function: Callable[[], str]) -> tuple[str, float]:
    start = time.perf_counter()
    result = function()
    return result, (time.perf_counter() - start) * 1000


def _trafilatura_default(html: bytes) -> str:
    import trafilatura

    text: str | None = trafilatura.extract(html.decode("utf-8", errors="replace"))
    return text or ""


def _ours(html: bytes, url: str) -> str:
    return extract_article(html, url).text


def _readability(html: bytes) -> str:
    from lxml.html import fromstring
    from readability import Document

    summary = Document(html.decode("utf-8", errors="replace")).summary(html_partial=True)
    return str(fromstring(summary).text_content()) if summary.strip() else ""


def _extractors() -> dict[str, Callable[[bytes, str], str]]:
    """Ours, trafilatura's defaults, and readability-lxml when it is installed."""
    found: dict[str, Callable[[bytes, str], str]] = {
        "trafilatura default": lambda h, _u: _trafilatura_default(h),
        "beritatui": _ours,
    }
    try:
        import readability  # noqa: F401
    except ImportError:
        return found
    found["readability-lxml"] = lambda h, _u: _readability(h)
    return found


def run_aeb(bench: Path, limit: int = 0) -> dict[str, tuple[Score, list[float]]]:
    """Score every extractor page by page, interleaved, in this process (after a warm-up)."""
    pages = load_aeb(bench)[: limit or None]
    extractors = _extractors()
    for function in extractors.values():  # first-call costs (stop lists, lazy imports)
        function(pages[0][1], pages[0][2])
    results: dict[str, list[PageScore]] = {name: [] for name in extractors}
    times: dict[str, list[float]] = {name: [] for name in extractors}
    for _page_id, html, url, truth in pages:
        for name, function in extractors.items():
            text, elapsed = _timed(lambda f=function, h=html, u=url: f(h, u))  # type: ignore[misc]
            results[name].append(score_page(text, truth))
            times[name].append(elapsed)
    return {name: (aggregate(results[name]), times[name]) for name in results}


def print_aeb(report: dict[str, tuple[Score, list[float]]], pages: int) -> None:
    """The side-by-side table and the time ratio."""
    print(f"AEB: {pages} pages")
    print(
        f"{'extractor':22} {'P':>6} {'R':>6} {'F1':>6} {'acc':>6} {'median ms':>10} {'mean ms':>8}"
        f" {'max ms':>7}"
    )
    for name, (score, times) in report.items():
        print(
            f"{name:22} {score.precision:6.3f} {score.recall:6.3f} {score.f1:6.3f} "
            f"{score.accuracy:6.3f} {statistics.median(times):10.1f} {statistics.fmean(times):8.1f}"
            f" {max(times):7.1f}"
        )
    ours = statistics.median(report["beritatui"][1])
    theirs = statistics.median(report["trafilatura default"][1])
    total = sum(report["beritatui"][1]) / sum(report["trafilatura default"][1])
    print(f"median time ratio beritatui / trafilatura default: {ours / theirs:.2f}")
    print(f"total time ratio beritatui / trafilatura default: {total:.2f}")


@dataclass(frozen=True, slots=True)
class FixtureResult:
    """One fixture page checked against what its author wrote."""

    name: str
    score: PageScore
    junk_left: list[str]
    captions_missing: list[str]
    captions_in_body: list[str]
    credits_missing: list[str]
    title: str = ""
    """The extracted title when it differs from the expected one, else ``""``."""
    byline_missing: list[str] = field(default_factory=list)
    byline_wrong: list[str] = field(default_factory=list)
    headings_missing: list[str] = field(default_factory=list)
    kept_missing: list[str] = field(default_factory=list)
    captions_wanted: int = 0

    @property
    def problems(self) -> list[str]:
        """Every check that failed, as short labels (the body F1 aside)."""
        checks = {
            "junk": self.junk_left,
            "missing-captions": self.captions_missing,
            "captions-in-body": self.captions_in_body,
            "missing-credits": self.credits_missing,
            "title": [self.title] if self.title else [],
            "missing-byline": self.byline_missing,
            "wrong-byline": self.byline_wrong,
            "missing-headings": self.headings_missing,
            "lost-sentences": self.kept_missing,
        }
        return [f"{name}={found}" for name, found in checks.items() if found]

    @property
    def f1(self) -> float:
        p = self.score.tp / (self.score.tp + self.score.fp) if self.score.tp else 0.0
        r = self.score.tp / (self.score.tp + self.score.fn) if self.score.tp else 0.0
        return 2 * p * r / (p + r) if p + r else 0.0


def fixture_pages(folder: Path = FIXTURES) -> Iterable[tuple[str, bytes, dict[str, Any]]]:
    """(name, html bytes, expected) for each ``<name>.html`` with ``<name>.expected.json``."""
    for expected_path in sorted(folder.glob("*.expected.json")):
        name = expected_path.name.removesuffix(".expected.json")
        html_path = folder / f"{name}.html"
        if html_path.exists():
            yield name, html_path.read_bytes(), json.loads(expected_path.read_text("utf-8"))


def _extract_fixture(folder: Path, html: bytes, expected: dict[str, Any]) -> ExtractedArticle:
    """The article, with the further pages named in ``expected["pages"]`` stitched on."""
    content_type = expected.get("content_type")
    article = extract_article(html, str(expected["url"]), content_type=content_type)
    files: dict[str, str] = expected.get("pages", {})
    rest = [
        extract_article((folder / files[u]).read_bytes(), u, content_type=content_type)
        for u in article.next_pages
        if u in files
    ]
    return merge_pages(article, rest) if rest else article


def check_fixture(
    name: str, html: bytes, expected: dict[str, Any], folder: Path = FIXTURES
) -> FixtureResult:
    """Extract one fixture and compare body, junk, captions, title and byline with it."""
    article = _extract_fixture(folder, html, expected)
    body = article.text
    junk = [str(j) for j in expected.get("junk", [])]
    wanted = [str(c) for c in expected.get("captions", [])]
    got = article.captions
    credits = [str(c) for c in expected.get("credits", [])]
    have_credits = [b.credit for b in article.blocks if b.type == "figure" and b.credit]
    headings = [b.text for b in article.blocks if b.type == "heading"]
    title = str(expected.get("title") or article.title)
    return FixtureResult(
        name=name,
        score=score_page(body, str(expected["text"])),
        junk_left=[j for j in junk if j.lower() in body.lower()],
        captions_missing=[c for c in wanted if not any(c in g for g in got)],
        captions_in_body=[c for c in wanted if c in body],
        credits_missing=[c for c in credits if c not in have_credits],
        title=article.title if article.title != title else "",
        byline_missing=[n for n in expected.get("byline", []) if n not in article.byline],
        byline_wrong=[n for n in expected.get("byline_not", []) if n in article.byline],
        headings_missing=[h for h in expected.get("headings", []) if h not in headings],
        kept_missing=[k for k in expected.get("keep", []) if k not in body],
        captions_wanted=len(wanted),
    )


def run_fixtures(folder: Path = FIXTURES, limit: int = 0) -> list[FixtureResult]:
    """Check every fixture page in ``folder`` (or the first ``limit``)."""
    pages = list(fixture_pages(folder))[: limit or None]
    return [check_fixture(name, html, exp, folder) for name, html, exp in pages]


def print_fixtures(results: list[FixtureResult]) -> None:
    """Per-page lines and the totals."""
    for r in results:
        flags = "".join(f" {problem}" for problem in r.problems)
        print(f"{r.name:34} F1={r.f1:.3f}{flags}")
    total = aggregate([r.score for r in results])
    wanted = sum(r.captions_wanted for r in results)
    missing = sum(len(r.captions_missing) for r in results)
    leaks = [len(r.junk_left) for r in results if r.junk_left]
    print(
        f"captions kept: {wanted - missing}/{wanted}; junk left: {sum(leaks)} in {len(leaks)} pages"
    )
    print(
        f"fixtures: {len(results)} pages  P={total.precision:.3f} R={total.recall:.3f} "
        f"F1={total.f1:.3f} accuracy={total.accuracy:.3f}  "
        f"pages with problems: {sum(bool(r.problems) for r in results)}"
    )


def smoke_bench(folder: Path, pages: int = 3) -> Path:
    """A tiny AEB-format bench in ``folder`` made of our first fixture pages."""
    (folder / "html").mkdir(parents=True, exist_ok=True)
    truth: dict[str, dict[str, str]] = {}
    for name, html, expected in list(fixture_pages())[:pages]:
        (folder / "html" / f"{name}.html.gz").write_bytes(gzip.compress(html))
        truth[name] = {"url": str(expected["url"]), "articleBody": str(expected["text"])}
    (folder / "ground-truth.json").write_text(json.dumps(truth), encoding="utf-8")
    return folder


def main(argv: Sequence[str] | None = None) -> int:
    """Command-line entry point."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("bench", nargs="?", type=Path, default=DEFAULT_BENCH)
    parser.add_argument("--fixtures", action="store_true", help="score our Indonesian fixtures")
    parser.add_argument("--held-out", action="store_true", help="score the held-out fixtures")
    parser.add_argument("--limit", type=int, default=0, help="only the first N AEB pages")
    parser.add_argument(
        "--smoke", action="store_true", help="both paths on 3 fixture pages: checks it works"
    )
    args = parser.parse_args(argv)
    logging.getLogger("trafilatura").setLevel(logging.CRITICAL)  # its per-page warnings
    if args.smoke:
        print_fixtures(run_fixtures(limit=3))
        with tempfile.TemporaryDirectory(prefix="beritatui-aeb-smoke-") as tmp:
            report = run_aeb(smoke_bench(Path(tmp)))
        print_aeb(report, len(report["beritatui"][1]))
        return 0
    if args.fixtures or args.held_out:
        print_fixtures(run_fixtures(HELD_OUT if args.held_out else FIXTURES))
        return 0
    if not (args.bench / "ground-truth.json").exists():
        print(f"no AEB benchmark at {args.bench}", file=sys.stderr)
        return 2
    report = run_aeb(args.bench, args.limit)
    print_aeb(report, len(report["beritatui"][1]))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
