"""The only place that knows SQL: the connection, migrations and repositories."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from storage.cases import CaseRepository
from storage.chats import ChatRepository
from storage.database import Database
from storage.replies import ReplyRepository
from storage.stats import StatsRepository
from storage.templates import TemplateRepository
from storage.users import UserRepository


@dataclass(slots=True)
class Storage:
    db: Database
    chats: ChatRepository
    users: UserRepository
    cases: CaseRepository
    replies: ReplyRepository
    stats: StatsRepository
    templates: TemplateRepository

    @classmethod
    async def open(cls, path: Path | str) -> Storage:
        db = await Database.open(path)
        return cls(
            db=db,
            chats=ChatRepository(db),
            users=UserRepository(db),
            cases=CaseRepository(db),
            replies=ReplyRepository(db),
            stats=StatsRepository(db),
            templates=TemplateRepository(db),
        )

    async def close(self) -> None:
        await self.db.close()


__all__ = ["Database", "Storage"]
