"""Verdicts of the classifier over every labelled set, as a snapshot a test compares against.

    python -m tests.unit.verdict_snapshot            # compare with the stored snapshot
    python -m tests.unit.verdict_snapshot --write    # store the current verdicts as the snapshot

Each set goes through ``bot.cli.classify.classify_line`` with one classifier for the whole file,
exactly as ``python -m bot classify`` reads a stream (so the per-chat context sees the typology's
timed waves). A row's verdict is ``label, negative, toxic, confidence`` (3 places); a set is stored
as the sha256 of its rows plus the rows themselves, gzipped, to name the rows that changed. Only
verdicts are stored, never text: ``dev_sentiment.csv`` may not be copied into the project.

A refactor of the classifier (data files, split functions) must leave every verdict as it was.
A change of rules or lexicons changes them on purpose: then store the new snapshot with ``--write``.
"""

from __future__ import annotations

import argparse
import csv
import gzip
import hashlib
import json
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from bot.classifier import create_classifier
from bot.cli.classify import classify_line

REPO_ROOT = Path(__file__).resolve().parents[2]
TYPOLOGY_DIR = REPO_ROOT / "benchmarks" / "data"
# In CI, as on a developer's machine, a copy of shared/ lies beside the checkout.
SHARED_DATA = REPO_ROOT.parent / "shared" / "data"
SNAPSHOT_DIR = REPO_ROOT / "tests" / "data" / "classifier_verdicts"
MANIFEST = SNAPSHOT_DIR / "manifest.json"


@dataclass(frozen=True, slots=True)
class VerdictSet:
    name: str
    path: Path

    def lines(self) -> Iterator[str]:
        """The set as JSON Lines for the CLI: typology lines as they are, CSV rows as ``{"text": ...}``."""
        if self.path.suffix == ".jsonl":
            with self.path.open(encoding="utf-8") as fh:
                yield from (line for line in fh if line.strip())
            return
        with self.path.open(encoding="utf-8", newline="") as fh:
            for row in csv.DictReader(fh):
                yield json.dumps({"text": row.get("text") or ""}, ensure_ascii=False)


TYPOLOGY_SETS = tuple(
    VerdictSet(name, TYPOLOGY_DIR / name)
    for name in ("typology.jsonl", "typology_dev2.jsonl", "typology_dev3.jsonl", "typology_holdout.jsonl")
)
SHARED_SETS = tuple(VerdictSet(name, SHARED_DATA / name) for name in ("dev_sentiment.csv", "dev_toxic.csv"))
ALL_SETS = TYPOLOGY_SETS + SHARED_SETS


@dataclass(frozen=True, slots=True)
class SetVerdicts:
    rows: tuple[str, ...]  # "label\tnegative\ttoxic\tconfidence", one per input row

    @property
    def sha256(self) -> str:
        return hashlib.sha256("\n".join(self.rows).encode("utf-8")).hexdigest()


def verdicts(vset: VerdictSet) -> SetVerdicts:
    """Every row of ``vset`` through the CLI's path, one classifier (and so one context) for the file."""
    classifier = create_classifier()
    rows: list[str] = []
    for line_no, line in enumerate(vset.lines(), start=1):
        out = classify_line(classifier, line, line_no)
        rows.append(f"{out['label']}\t{int(out['negative'])}\t{int(out['toxic'])}\t{out['confidence']:.3f}")
    return SetVerdicts(tuple(rows))


def stored_rows(name: str) -> list[str]:
    with gzip.open(SNAPSHOT_DIR / f"{name}.tsv.gz", "rt", encoding="utf-8") as fh:
        return fh.read().splitlines()


def manifest() -> dict[str, dict[str, object]]:
    loaded: dict[str, dict[str, object]] = json.loads(MANIFEST.read_text(encoding="utf-8"))
    return loaded


def differences(name: str, now: SetVerdicts, text_of: Callable[[int], str] | None = None, limit: int = 10) -> str:
    """The first rows whose verdict differs from the stored one, for a failure message."""
    before = stored_rows(name)
    out = [f"{name}: {len(before)} rows stored, {len(now.rows)} now"]
    changed = [i for i, (a, b) in enumerate(zip(before, now.rows, strict=False)) if a != b]
    out.append(f"{len(changed)} rows differ; the first:")
    for i in changed[:limit]:
        shown = f" {text_of(i)[:100]!r}" if text_of else ""
        out.append(f"  row {i + 1}: {before[i]} -> {now.rows[i]}{shown}")
    return "\n".join(out)


def write(sets: tuple[VerdictSet, ...]) -> None:
    SNAPSHOT_DIR.mkdir(parents=True, exist_ok=True)
    entries: dict[str, dict[str, object]] = manifest() if MANIFEST.exists() else {}
    for vset in sets:
        got = verdicts(vset)
        # mtime 0: the same verdicts give the same bytes, so an unchanged snapshot shows no diff
        with (
            open(SNAPSHOT_DIR / f"{vset.name}.tsv.gz", "wb") as raw,
            gzip.GzipFile(fileobj=raw, mode="wb", mtime=0, filename="") as fh,
        ):
            fh.write(("\n".join(got.rows) + "\n").encode("utf-8"))
        entries[vset.name] = {"rows": len(got.rows), "sha256": got.sha256}
        print(f"{vset.name}: {len(got.rows)} rows, {got.sha256}")
    MANIFEST.write_text(json.dumps(entries, indent=2, sort_keys=True) + "\n", encoding="utf-8")


def compare(sets: tuple[VerdictSet, ...]) -> int:
    stored = manifest()
    failed = 0
    for vset in sets:
        got = verdicts(vset)
        want = stored[vset.name]
        same = got.sha256 == want["sha256"]
        print(f"{vset.name}: verdicts {'same' if same else 'DIFFER'}")
        if not same:
            print(differences(vset.name, got))
        failed += not same
    return 1 if failed else 0


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--write", action="store_true", help="store the current verdicts as the snapshot")
    args = ap.parse_args(argv)
    missing = [s.name for s in ALL_SETS if not s.path.exists()]
    if missing:
        print(f"missing: {', '.join(missing)} (looked in {TYPOLOGY_DIR} and {SHARED_DATA})", file=sys.stderr)
        return 2
    if args.write:
        write(ALL_SETS)
        return 0
    return compare(ALL_SETS)


if __name__ == "__main__":
    sys.exit(main())
