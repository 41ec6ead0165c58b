"""Helpers for writing lexicons as readable blocks of words."""

from __future__ import annotations


def words(text: str) -> frozenset[str]:
    """A set of whitespace-separated words, ё folded to е."""
    return frozenset(w.replace("ё", "е") for w in text.split())
