"""Time the hostile-input scenarios of the test suite, which no longer assert wall times.

Wall time depends on the machine and its load, so a test that asserts it fails at random on a
busy CI runner and proves nothing on a fast one. The tests keep asserting what happens (output,
exit status, files untouched, memory peak); this script runs the very same scenarios and prints
how long they take, beside the limits the tests used to assert:

- every case of the bad-input corpus (tests/test_bad_inputs.py), through the CLI: was < 10 s each
- the YAML alias bomb refused by the loader: was < 2 s (its memory peak is still asserted)
- generated packs built, and any file content checked (tests/test_properties.py): was < 30 s each
- inline markup of pathological marker runs: was < 5 s for all five
- generated rosters built as class sets: was < 30 s each

Usage: python benchmarks/bench_limits.py [--only NAME ...]   (needs the [test] extra; run it on an
idle machine). The property scenarios use the suite's derandomised examples, so runs compare.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path

from click.testing import CliRunner

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))  # the scenarios are the tests' own, imported as they are

import test_bad_inputs  # noqa: E402
import test_properties  # noqa: E402

from studypack.media import text  # noqa: E402
from studypack.io import yamlio  # noqa: E402
from studypack.base.errors import StudypackError  # noqa: E402


class TimedRunner(CliRunner):
    """A CliRunner that records the wall time of every invoke: the span the tests used to time."""

    times: list[float] = []

    def invoke(self, *args, **kwargs):
        started = time.perf_counter()
        try:
            return super().invoke(*args, **kwargs)
        finally:
            TimedRunner.times.append(time.perf_counter() - started)


def timed_invokes(scenario: Callable[[], None]) -> list[float]:
    """Run a test scenario with CliRunner swapped for TimedRunner; return the invoke times."""
    TimedRunner.times = []
    originals = test_bad_inputs.CliRunner, test_properties.CliRunner
    test_bad_inputs.CliRunner = test_properties.CliRunner = TimedRunner
    try:
        scenario()
    finally:
        test_bad_inputs.CliRunner, test_properties.CliRunner = originals
    return list(TimedRunner.times)


def bad_inputs() -> list[float]:
    """One figure per case (in test_bad_inputs.CASES order): its invoke time."""
    times = []
    for name in test_bad_inputs.CASES:
        with tempfile.TemporaryDirectory() as tmp:
            times.append(sum(timed_invokes(lambda: test_bad_inputs.test_bad_input(name, Path(tmp)))))
    return times


def alias_bomb() -> list[float]:
    bomb = test_bad_inputs.CORPUS / "yaml-alias-bomb" / "pack.yaml"
    times = []
    for _ in range(5):
        started = time.perf_counter()
        try:
            yamlio.load(bomb)
        except StudypackError:
            pass
        else:
            raise SystemExit("the alias bomb was loaded, not refused")
        times.append(time.perf_counter() - started)
    tracemalloc.start()
    try:
        yamlio.load(bomb)
    except StudypackError:
        pass
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    print(f"  alias bomb: peak traced memory {peak / 1024:.0f} KB (the test asserts < 64 MB)")
    return times


def generated_packs() -> list[float]:
    return timed_invokes(test_properties.test_generated_packs_build_or_fail_with_located_errors)


def any_file_content() -> list[float]:
    return timed_invokes(test_properties.test_any_file_content_is_checked_without_a_traceback)


def pathological_markup() -> list[float]:
    times = []
    for value, markup in test_properties.PATHOLOGICAL_MARKUP:
        started = time.perf_counter()
        result = text.inline(value)
        times.append(time.perf_counter() - started)
        if result != markup:
            raise SystemExit(f"inline markup of {value[:12]!r}... changed")
    return times


def generated_rosters() -> list[float]:
    return timed_invokes(test_properties.test_generated_rosters_build_or_fail_with_located_errors)


SCENARIOS: dict[str, tuple[Callable[[], list[float]], str]] = {
    "bad-inputs": (bad_inputs, "< 10 s each"),
    "alias-bomb": (alias_bomb, "< 2 s"),
    "generated-packs": (generated_packs, "< 30 s each"),
    "any-file-content": (any_file_content, "< 30 s each"),
    "pathological-markup": (pathological_markup, "< 5 s for all"),
    "generated-rosters": (generated_rosters, "< 30 s each"),
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", nargs="+", choices=sorted(SCENARIOS), help="run only these scenarios")
    args = parser.parse_args()
    print(f"{'scenario':<21} {'runs':>5} {'median':>9} {'worst':>9} {'total':>9}   the test used to assert")
    for name in args.only or SCENARIOS:
        measure, old_limit = SCENARIOS[name]
        times = measure()
        print(f"{name:<21} {len(times):>5} {statistics.median(times):>8.3f}s {max(times):>8.3f}s "
              f"{sum(times):>8.2f}s   {old_limit}", flush=True)
        if name == "bad-inputs":
            slowest = sorted(zip(times, test_bad_inputs.CASES), reverse=True)[:3]
            print("  slowest bad inputs: " + ", ".join(f"{case} {seconds:.2f}s" for seconds, case in slowest))


if __name__ == "__main__":
    main()
