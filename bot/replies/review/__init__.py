"""The review set of reply drafts: comments with what a good answer must and must not contain.

``python -m bot.replies.review`` drafts an answer to each comment and reports how many pass every rule,
for the tuned part (``data/tuned.toml``, read while the reply data was written) and the parts written and
frozen before their drafts were read (``blind``, ``fresh`` … ``fresh8``, ``fresh8_intl``; each is blind only at
its first reading, see docs/replies.md): re-asks of facts already given, thanks to insults, the share of
answers that send the author to private messages, distinct openings per topic, and the doctrine lint.
"""

from bot.replies.review.check import (
    Comment,
    Draft,
    Summary,
    draft_all,
    load_comments,
    summarise,
)

__all__ = ["Comment", "Draft", "Summary", "draft_all", "load_comments", "summarise"]
