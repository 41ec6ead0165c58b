"""The only place that knows SQL: the connection, migrations and repositories."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from storage.cases import CaseRepository
from storage.chats import ChatRepository
from storage.database import Database, IntegrityError, PostgresDatabase, SqliteDatabase
from storage.digests import DigestRepository
from storage.fsm import FsmRepository
from storage.incidents import IncidentRepository
from storage.instances import InstanceRepository
from storage.learning import LearningRepository
from storage.replies import ReplyRepository
from storage.stats import StatsRepository
from storage.templates import TemplateRepository
from storage.updates import UpdateRepository
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
    updates: UpdateRepository
    instances: InstanceRepository
    fsm: FsmRepository
    learning: LearningRepository
    incidents: IncidentRepository
    digests: DigestRepository

    @classmethod
    async def open(cls, path: Path | str, *, migrate: bool = True) -> Storage:
        """SQLite at ``path``, migrated."""
        return cls.on(await SqliteDatabase.open(path, migrate=migrate))

    @classmethod
    async def open_postgres(cls, url: str, *, schema: str | None = None, migrate: bool = True) -> Storage:
        """PostgreSQL at ``postgresql://user:pass@host:port/db`` (``schema`` sets the search_path), migrated."""
        return cls.on(await PostgresDatabase.connect(url, schema=schema, migrate=migrate))

    @classmethod
    def on(cls, db: Database) -> Storage:
        cases = CaseRepository(db)
        chats = ChatRepository(db)
        return cls(
            db=db,
            chats=chats,
            users=UserRepository(db),
            cases=cases,
            replies=ReplyRepository(db),
            stats=StatsRepository(db, counts_written=cases.settle),
            templates=TemplateRepository(db, chats),
            updates=UpdateRepository(db),
            instances=InstanceRepository(db),
            fsm=FsmRepository(db),
            learning=LearningRepository(db),
            incidents=IncidentRepository(db),
            digests=DigestRepository(db),
        )

    async def close(self) -> None:
        """Write what is pending and close the database; again is harmless (start-up failures close
        it too)."""
        if self.db.closed:
            return
        await self.cases.settle()  # the message counts not written yet
        await self.db.close()


__all__ = ["Database", "IntegrityError", "PostgresDatabase", "SqliteDatabase", "Storage"]
