"""``python -m bot.replies.review [--part tuned|blind] [--file held-out.toml] [--show failed|all]``: the review of
reply drafts."""

from __future__ import annotations

import argparse
import sys

from bot.replies.review.check import PARTS, Comment, Draft, Summary, draft_all, load_file, summarise


def report(summary: Summary) -> str:
    openings = summary.openings
    distinct = sum(d for d, _ in openings.values())
    total = sum(n for _, n in openings.values())
    least = min((d / n, topic) for topic, (d, n) in openings.items()) if openings else (0.0, "-")
    lines = [
        f"{summary.part}: {summary.drafts} comments",
        f"  drafts that pass every rule  {summary.passed}/{summary.drafts} ({summary.pass_share:.0%})",
        f"  re-asks of given facts       {summary.re_asks}",
        f"  thanks to insults            {summary.thanked_insults}",
        f"  «личные сообщения» share     {summary.private}/{summary.drafts} ({summary.private_share:.0%})",
        f"  lint clean                   {summary.lint_clean}/{summary.drafts}",
        f"  distinct openings            {distinct}/{total}; fewest: {least[1]} {least[0]:.0%}",
        "  per topic: " + ", ".join(f"{t} {d}/{n}" for t, (d, n) in openings.items()),
    ]
    return "\n".join(lines)


def show(drafts: list[Draft], everything: bool) -> str:
    out = []
    for d in drafts:
        if d.passed and not everything:
            continue
        c = d.comment
        out.append(f"[{c.id}] {c.label.value}/{c.topic.value} {c.author or ''}: {c.text}")
        out.append(f"  → {d.text}")
        out.extend(f"  ✗ {failure}" for failure in d.failures)
    return "\n".join(out)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bot.replies.review", description=__doc__)
    parser.add_argument("--part", choices=PARTS, action="append", help=", ".join(PARTS) + " (default: all)")
    parser.add_argument("--file", action="append", help="a file in the same format outside the set (a held-out set)")
    parser.add_argument("--show", choices=("failed", "all"), help="print the drafts that fail, or all of them")
    args = parser.parse_args(argv)
    files = [(path, load_file(path)) for path in args.file or ()]
    parts: list[tuple[str, list[Comment] | None]] = [(p, None) for p in args.part or (() if files else PARTS)]
    for part, comments in parts + files:
        drafts = draft_all(part, comments)
        if args.show:
            print(show(drafts, args.show == "all"))
        print(report(summarise(part, drafts)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
