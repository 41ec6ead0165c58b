"""A case's note is stored as a key and values and drawn in the chat's language when the card is."""

from __future__ import annotations

from bot.domain.notes import Note, decode_note
from bot.domain.verdicts import Label
from bot.telegram.render import note_text


def test_a_note_keeps_its_values_and_labels_through_storage() -> None:
    note = Note.of("note.relabel", who="Анна <admin>", old=Label.TROLLING, new=Label.CONSTRUCTIVE)
    stored = note.encode()
    assert "Анна" in stored and "→" not in stored  # data, not the rendered sentence
    assert decode_note(stored) == note


def test_the_same_note_reads_in_each_chats_language() -> None:
    stored = Note.of("note.relabel", who="Анна <admin>", old=Label.TROLLING, new=Label.CONSTRUCTIVE).encode()
    ru, en = note_text("ru", stored), note_text("en", stored)
    assert "Анна &lt;admin&gt;" in ru and "Анна &lt;admin&gt;" in en  # the name is escaped in both
    assert "сменил" in ru and "троллинг" in ru.lower()
    assert "changed" in en and "trolling" in en.lower() and "троллинг" not in en.lower()


def test_prose_notes_of_older_versions_still_show() -> None:
    assert decode_note("позвонить <завтра>") == "позвонить <завтра>"
    assert note_text("en", "позвонить <завтра>") == "позвонить &lt;завтра&gt;"
    assert note_text("ru", '{"broken json') == "{&quot;broken json"
    assert note_text("ru", None) == ""
