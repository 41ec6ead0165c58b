"""A chat's examples (its admins' decisions) and its learned layer. Every query names the chat or a
case of it: nothing here reads or writes across chats."""

from __future__ import annotations

from typing import Any

from bot.domain.learning import Example, ExampleState, NewExample, Source, StoredLayer
from bot.domain.verdicts import Label
from storage.database import Database


def _example(row: Any) -> Example:
    return Example(
        id=int(row["id"]),
        chat_id=int(row["chat_id"]),
        case_id=int(row["case_id"]) if row["case_id"] is not None else None,
        actor_id=int(row["actor_id"]),
        source=Source(row["source"]),
        label=Label(row["label"]),
        bot_label=Label(row["bot_label"]),
        bot_confidence=float(row["bot_confidence"]),
        features=tuple(int(x) for x in str(row["features"]).split()),
        text=row["text"],
        state=ExampleState(row["state"]),
        created_at=int(row["created_at"]),
    )


class LearningRepository:
    def __init__(self, db: Database) -> None:
        self._db = db

    async def add_example(self, new: NewExample, now: int, state: ExampleState = ExampleState.ACTIVE) -> int:
        row = await self._db.write_returning(
            """
            INSERT INTO chat_examples (chat_id, case_id, actor_id, source, label, bot_label, bot_confidence,
                                       features, text, state, created_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            RETURNING id
            """,
            (
                new.chat_id,
                new.case_id,
                new.actor_id,
                new.source.value,
                new.label.value,
                new.bot_label.value,
                new.bot_confidence,
                " ".join(str(i) for i in new.features),
                new.text,
                state.value,
                now,
            ),
        )
        assert row is not None
        return int(row["id"])

    async def case_examples(self, case_id: int) -> list[Example]:
        rows = await self._db.fetchall("SELECT * FROM chat_examples WHERE case_id = ? ORDER BY id", (case_id,))
        return [_example(r) for r in rows]

    async def set_state(self, example_ids: list[int], state: ExampleState) -> None:
        async with self._db.transaction() as conn:
            for example_id in example_ids:
                await conn.execute("UPDATE chat_examples SET state = ? WHERE id = ?", (state.value, example_id))

    async def examples(self, chat_id: int, *, active_only: bool = False) -> list[Example]:
        sql = "SELECT * FROM chat_examples WHERE chat_id = ?" + (" AND state = 'active'" if active_only else "")
        rows = await self._db.fetchall(sql + " ORDER BY id", (chat_id,))
        return [_example(r) for r in rows]

    async def layer(self, chat_id: int) -> StoredLayer | None:
        row = await self._db.fetchone("SELECT * FROM chat_layers WHERE chat_id = ?", (chat_id,))
        if row is None:
            return None
        return StoredLayer(
            chat_id=int(row["chat_id"]),
            version=int(row["version"]),
            examples=int(row["examples"]),
            layer=str(row["layer"]),
            active_since=int(row["active_since"]) if row["active_since"] is not None else None,
            updated_at=int(row["updated_at"]),
        )

    async def layer_version(self, chat_id: int) -> int:
        """The stored layer's version; 0 when the chat has none."""
        row = await self._db.fetchone("SELECT version FROM chat_layers WHERE chat_id = ?", (chat_id,))
        return int(row["version"]) if row is not None else 0

    async def save_layer(
        self, chat_id: int, layer: str, examples: int, *, expected: int, active_since: int | None, now: int
    ) -> bool:
        """Write the layer as version ``expected + 1`` if the stored one is still ``expected`` (0: none
        yet); False when another instance wrote in between (the caller reads again and retries)."""
        async with self._db.transaction() as conn:
            if expected == 0:
                changed = await conn.execute(
                    """
                    INSERT INTO chat_layers (chat_id, version, examples, layer, active_since, updated_at)
                    VALUES (?, 1, ?, ?, ?, ?) ON CONFLICT DO NOTHING
                    """,
                    (chat_id, examples, layer, active_since, now),
                )
            else:
                changed = await conn.execute(
                    """
                    UPDATE chat_layers SET version = version + 1, examples = ?, layer = ?, active_since = ?,
                                           updated_at = ?
                    WHERE chat_id = ? AND version = ?
                    """,
                    (examples, layer, active_since, now, chat_id, expected),
                )
        return changed > 0

    async def forget(self, chat_id: int) -> int:
        """Drop the chat's layer and examples; returns how many examples went."""
        async with self._db.transaction() as conn:
            await conn.execute("DELETE FROM chat_layers WHERE chat_id = ?", (chat_id,))
            return await conn.execute("DELETE FROM chat_examples WHERE chat_id = ?", (chat_id,))

    async def forget_old_texts(self, now: int) -> int:
        """Retention: example texts older than the chat's retention days are removed; the features
        and labels stay, so the layer survives."""
        async with self._db.transaction() as conn:
            return await conn.execute(
                """
                UPDATE chat_examples SET text = NULL
                WHERE text IS NOT NULL AND created_at < ? - 86400 * COALESCE((
                    SELECT retention_days FROM chat_settings WHERE chat_settings.chat_id = chat_examples.chat_id
                ), 30)
                """,
                (now,),
            )
