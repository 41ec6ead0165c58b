"""What start-up and the replies keep lives as long as the process: each thing is kept once."""

from __future__ import annotations

from bot.data_check import check_data_files
from bot.replies import datacheck, echo, grammar, reading


def test_checked_data_files_keep_no_text() -> None:
    check_data_files()
    # The split lines are kept only while the files are checked; kept, they held every file's text.
    assert datacheck._lines.cache_info().currsize == 0


def test_readers_share_one_tuple_of_parses_per_word() -> None:
    kept = grammar.kept_parses("заказ")
    assert kept and kept is reading._parses_of("заказ") is grammar._parses("заказ")
    assert echo._tag("заказ") == str(kept[0].tag)
    assert echo._tags("донат-валюта") == tuple(
        str(p.tag) for part in ("донат", "валюта") for p in grammar.kept_parses(part)
    )


def test_compose_pieces_share_equal_sets() -> None:
    import gc

    from bot.replies.compose_files import Piece, compose_data

    compose_data()
    sets = [s for o in gc.get_objects() if isinstance(o, Piece) for s in (o.needs, o.unless, o.slots)]
    assert sets and len({id(s) for s in sets}) == len(set(sets))
