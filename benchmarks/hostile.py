"""Hostile inputs: seconds per MB for shapes that make a careless pattern or loop super-linear.

    python benchmarks/hostile.py [--size 65536] [--only NAME ...] [--timeout 60] [--release-mb 1]

A linter runs on every draft and a batch on millions of filings, so every stage must take time that
grows with the input's size, whatever the input (issue 11). Each shape is built at `--size`
characters and at half that, run through its entry point (`extractor.extract` for most; the
suppression parser; the HTML report writer; the Markdown reader), and printed as seconds, seconds
per MB and the ratio of the two times: about 2 for linear work, 4 for quadratic, 8 for cubic.
Then a realistic release of `--release-mb` MB, real releases from ../shared/corpus/real concatenated
($PRFACTS_SHARED/corpus/real if set; the project's corpus/releases when the shared corpus is absent),
goes through `extract`.

With `--timeout`, each measurement runs in a child process and one that has not finished in time
prints as `>T` (for measuring the code before a fix, where some shapes never finish).

The shapes are built by the functions in SHAPES, which tests/test_linear_time.py uses too.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from pathlib import Path
from typing import Callable

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

DATELINE = "NEW YORK, March 3, 2025 /PRNewswire/ -- "


def _fill(unit: str, size: int, head: str = "", tail: str = "") -> str:
    """`unit` repeated so that head + units + tail is about `size` characters."""
    n = max(1, (size - len(head) - len(tail)) // len(unit))
    return head + unit * n + tail


# ---------------------------------------------------------------- the shapes (size -> input)


def caps_hyphen(size: int) -> str:
    """One capitalised line of hyphenated words: the dateline pattern tried every split of each word."""
    return _fill("NON-GAAP-ADJUSTED-EBITDA-RECONCILIATION-", size)


def caps_words(size: int) -> str:
    """Capitalised words and commas on one line (a dateline that never ends)."""
    return _fill("NEW YORK, ", size)


def dots(size: int) -> str:
    """"1." repeated: the URL-host look-behind rescanned the dotted run at every dot."""
    return _fill("1.", size)


def host_dots(size: int) -> str:
    """"a.com" repeated: a host look-behind that is re-run at every ".com"."""
    return _fill("a.com", size)


def sum_chain(size: int) -> str:
    """"$1 million, $1 million, ... for a total of $N million" (the sum rule, rules/facts/60_sum.yaml)."""
    n = max(2, (size - 60) // len("$1 million, "))
    return "Grants were " + "$1 million, " * (n - 1) + f"and $1 million, for a total of ${n} million."


def parens(size: int) -> str:
    return "(" * size


def brackets(size: int) -> str:
    return "[" * size


def quotes(size: int) -> str:
    return '"' * size


def backticks(size: int) -> str:
    return "`" * size


def spaces(size: int) -> str:
    """A run of spaces between two words (look-behinds ending in \\s+)."""
    return "Form" + " " * (size - 10) + "10 x"


def long_word(size: int) -> str:
    return "a" * size + "@b.com"


def number_words(size: int) -> str:
    """Spelled numbers with no noun after them: every word of the run was tried as a start."""
    return _fill("one ", size)


def number_words_hyphen(size: int) -> str:
    return _fill("one-", size)


def comma_groups(size: int) -> str:
    """One figure of many comma groups that no reading accepts ("1,000,000,...,0")."""
    return _fill(",000", size, head="Revenue of 1", tail=",0 was reported.")


def tickers(size: int) -> str:
    """An unclosed parenthesis of tickers: every split of every run of spaces was tried."""
    return _fill("NYSE: A  ", size, head="Acme Corp. (")


def defined_terms(size: int) -> str:
    return _fill('Acme Holdings Corp. ("Acme") ', size)


def dense_numbers(size: int) -> str:
    """Nothing but figures: the per-mention cost of every stage."""
    return _fill("1 ", size)


def sentences(size: int) -> str:
    """Short sentences on one line (each sentence end looks back for the word before its period)."""
    return _fill("Ab. Cd ", size)


def long_label_row(size: int) -> str:
    """A table row with a long label and many figures (each figure reads the row's label again)."""
    return "| " + "word " * (size // 10) + " |" + " 1 |" * (size // 8) + "\n"


def padded_label(size: int) -> str:
    """A table row whose label is padded with spaces before its last word (the count, measure, per-share and
    ratio label patterns each tried a look-behind or a split of the spaces at every space)."""
    return "| | 2024 |\n|---|---|\n| Employees" + " " * size + "tons | 12 |\n"


def table_total(size: int) -> str:
    """A long Markdown table: sections of four rows, each closed by a Total row, and a grand total."""
    head = "| (in thousands) | 2024 | 2023 |\n|---|---:|---:|\n"
    rows = []
    n = 0
    while len(head) + sum(map(len, rows)) < size - 200:
        for i in range(4):
            rows.append(f"| Item {n}-{i} | {100 + i:,} | {90 + i:,} |\n")
        rows.append(f"| Total section {n} | {406:,} | {366:,} |\n")
        n += 1
    rows.append(f"| Total | {406 * n:,} | {366 * n:,} |\n")
    return head + "".join(rows)


def wide_table(size: int) -> str:
    """A header row of one label and many empty cells above rows of many figures."""
    cols = max(4, (size // 3) // 4)
    head = "| Item |" + " |" * cols + "\n|" + "---|" * (cols + 1) + "\n"
    row = "| Revenue |" + " 1 |" * cols + "\n"
    return head + row * max(1, (size - len(head)) // len(row))


def dates(size: int) -> str:
    """One long sentence of past events dated after the release (the future-date check)."""
    return _fill("completed on March 28, 2030, and ", size, head=DATELINE + "Acme ", tail="more.")


def dates_lines(size: int) -> str:
    return _fill("Acme completed the merger on March 28, 2030.\n", size, head=DATELINE + "\n")


def markdown_fences(size: int) -> str:
    """Many small code fences with emphasis between them (read by markdown.strip_markdown)."""
    return _fill("```\ncode 1\n```\nSales **rose** 5% to $1 million, see [the report](http://x.com).\n", size)


RELEASE = ("The conversion price of $0.0040 per share represents a premium of 444% to the closing bid price "
           "of $0.0009. Revenue increased 25% to $12.0 million from $10.0 million.\n")


def suppressions(size: int) -> str:
    """A long run of disable-next-line comments, then many findings between disable and enable comments."""
    run = _fill("<!-- prfacts-disable-next-line premium-discount -->\n", size // 4, tail="The premium of 444% to $0.0009.\n")
    unit = ("<!-- prfacts-disable premium-discount -->\nThe premium of 444% to $0.0009.\n"
            "<!-- prfacts-enable premium-discount -->\n" + RELEASE)
    return run + _fill(unit, size - len(run))




def report_text(size: int) -> str:
    """A long release full of quantities and findings, for the HTML report."""
    return _fill(RELEASE, size, head=DATELINE + "\n")


def _extract(make: Callable[[int], str]):
    def run(size: int) -> Callable[[], object]:
        from extractor import extract

        text = make(size)
        return lambda: extract(text)

    return run


def _suppress_run(size: int) -> Callable[[], object]:
    from extractor.linter import suppress
    from extractor.models import Finding

    text = suppressions(size)
    # One finding on every line that is not a comment (as the checks would give, without running them).
    findings = [Finding(rule="premium-discount", severity="error", message="m", start=0, end=1, line=n, column=5)
                for n, line in enumerate(text.split("\n"), 1) if line and not line.startswith("<!--")]
    return lambda: suppress.apply(text, findings)


def _html_run(size: int) -> Callable[[], object]:
    from extractor import extract
    from extractor.linter.checking import CheckedFile
    from extractor.reading.source import SourceText
    from extractor.report.html import render_html

    text = report_text(size)
    result = CheckedFile("report.txt", extract(text), SourceText("report.txt", text))
    return lambda: render_html([result])


def _markdown_run(size: int) -> Callable[[], object]:
    from extractor.reading.markdown import strip_markdown

    text = markdown_fences(size)
    return lambda: strip_markdown(text)


def _markdown_links_run(size: int) -> Callable[[], object]:
    """A line of "[" (the Markdown link pattern reads to the end of the line from each one)."""
    from extractor.reading.markdown import strip_markdown

    text = "[" * size
    return lambda: strip_markdown(text)


def _html_tags_run(size: int) -> Callable[[], object]:
    """Unclosed "<a " tags through the HTML reader."""
    from extractor.reading.read import from_string

    text = _fill("<a ", size)
    return lambda: from_string(text, "x.html")


# name -> (size -> a function doing the timed work, what it measures, whose code)
SHAPES: dict[str, tuple[Callable[[int], Callable[[], object]], str]] = {
    "caps-hyphen": (_extract(caps_hyphen), "extract"),
    "caps-words": (_extract(caps_words), "extract"),
    "dots": (_extract(dots), "extract"),
    "host-dots": (_extract(host_dots), "extract"),
    "sum-chain": (_extract(sum_chain), "extract"),
    "parens": (_extract(parens), "extract"),
    "brackets": (_extract(brackets), "extract"),
    "quotes": (_extract(quotes), "extract"),
    "backticks": (_extract(backticks), "extract"),
    "spaces": (_extract(spaces), "extract"),
    "long-word": (_extract(long_word), "extract"),
    "number-words": (_extract(number_words), "extract"),
    "number-words-hyphen": (_extract(number_words_hyphen), "extract"),
    "comma-groups": (_extract(comma_groups), "extract"),
    "tickers": (_extract(tickers), "extract"),
    "defined-terms": (_extract(defined_terms), "extract"),
    "dense-numbers": (_extract(dense_numbers), "extract"),
    "sentences": (_extract(sentences), "extract"),
    "long-label-row": (_extract(long_label_row), "extract"),
    "padded-label": (_extract(padded_label), "extract"),
    "table-total": (_extract(table_total), "extract"),
    "wide-table": (_extract(wide_table), "extract"),
    "dates": (_extract(dates), "extract"),
    "dates-lines": (_extract(dates_lines), "extract"),
    "suppressions": (_suppress_run, "suppress.apply"),
    "html-report": (_html_run, "report.html.render_html"),
    "markdown-fences": (_markdown_run, "markdown.strip_markdown"),
    "markdown-links": (_markdown_links_run, "markdown.strip_markdown"),
    "html-tags": (_html_tags_run, "read.from_string (.html)"),
}


def measure(name: str, size: int, repeat: int = 1) -> float:
    """Seconds for one shape at one size (best of `repeat`), in this process."""
    work = SHAPES[name][0](size)
    best = float("inf")
    for _ in range(repeat):
        t = time.perf_counter()
        work()
        best = min(best, time.perf_counter() - t)
    return best


def _measure_isolated(name: str, size: int, timeout: float) -> float | None:
    code = f"import sys; sys.path.insert(0, {str(ROOT)!r}); sys.path.insert(0, {str(ROOT / 'benchmarks')!r}); " \
           f"import hostile, extractor; extractor.extract('warm up 1'); print(hostile.measure({name!r}, {size}))"
    try:
        out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=timeout, check=True)
    except subprocess.TimeoutExpired:
        return None
    return float(out.stdout.strip().splitlines()[-1])


def realistic_release(mb: float) -> str:
    real = Path(os.environ.get("PRFACTS_SHARED", ROOT.parent / "shared")) / "corpus" / "real"
    files = sorted(real.glob("*/*.txt")) or sorted((ROOT / "corpus" / "releases").glob("*.txt"))
    target = int(mb * 1_000_000)
    parts, total, i = [], 0, 0
    while total < target:
        t = files[i % len(files)].read_text(encoding="utf-8")
        parts.append(t)
        total += len(t) + 2
        i += 1
    return "\n\n".join(parts)[:target]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--size", type=int, default=65536, help="characters of the larger input (default 64 KB)")
    ap.add_argument("--only", nargs="*", help="shapes to run (default all)")
    ap.add_argument("--timeout", type=float, help="run each measurement in a child process, at most this long")
    ap.add_argument("--release-mb", type=float, default=1.0, help="size of the realistic release (0: skip)")
    ap.add_argument("--json", action="store_true", help="one JSON object per line instead of the table")
    args = ap.parse_args(argv)
    if not args.timeout:
        from extractor import extract

        extract("warm up: $1 million on March 3, 2025.")
    names = args.only or list(SHAPES)
    if not args.json:
        print(f"{'shape':<16} {'entry point':<24} {'s at ' + str(args.size // 2):>12} {'s at ' + str(args.size):>12}"
              f" {'s/MB':>9} {'ratio':>6}")
    for name in names:
        if args.timeout:
            small = _measure_isolated(name, args.size // 2, args.timeout)
            large = _measure_isolated(name, args.size, args.timeout) if small is not None else None
        else:
            small, large = measure(name, args.size // 2), measure(name, args.size)
        per_mb = None if large is None else large / args.size * 1_000_000
        ratio = None if large is None or small is None else large / max(small, 1e-9)
        if args.json:
            print(json.dumps({"shape": name, "size": args.size, "small": small, "large": large, "s_per_mb": per_mb,
                              "ratio": ratio}), flush=True)
            continue

        def f(x, spec):
            return f">{args.timeout:g}".rjust(int(spec.split(".")[0])) if x is None else format(x, spec)

        print(f"{name:<16} {SHAPES[name][1]:<24} {f(small, '12.3f')} {f(large, '12.3f')} {f(per_mb, '9.2f')}"
              f" {f(ratio, '6.2f')}", flush=True)
    if args.release_mb:
        from extractor import extract

        text = realistic_release(args.release_mb)
        t = time.perf_counter()
        sheet = extract(text)
        took = time.perf_counter() - t
        result = {"shape": "real-release", "size": len(text), "seconds": took, "s_per_mb": took / len(text) * 1e6,
                  "mentions": len(sheet.mentions)}
        if args.json:
            print(json.dumps(result))
        else:
            print(f"{'real-release':<16} {'extract':<24} {len(text):>12,} chars {took:10.2f} s"
                  f" {result['s_per_mb']:9.2f} s/MB  ({len(sheet.mentions):,} mentions)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
