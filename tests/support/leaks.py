"""What an answer must never show: a stack trace, an exception's class, a library's
module path (a body matching it told the caller how the server is built)."""

from __future__ import annotations

import re

LEAKS = re.compile(
    r"Traceback|File \"/|\braise |\b[A-Z][A-Za-z0-9]*(?:Error|Exception)\b"
    r"|\b(?:sqlalchemy|pydantic_core|starlette|fastapi|aiokafka|asyncpg|sqlite3|aiohttp|graphql)\."
)
