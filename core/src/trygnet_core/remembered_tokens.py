"""Tokens verified once, remembered for a minute at most.

A portal sends the same token on every request of a session, and the gateway passes it
on to each service it calls: its signature is checked once, and the gateway (or the
service) then knows the token without verifying it again. In the gateway this also lets
a known caller through while its address is out of unauthenticated requests (someone at
the same address flooding forged tokens), since letting it through costs nothing.

A token is remembered until its expiry or for ``REMEMBERED_SECONDS``, whichever comes
first, so a signing key withdrawn from the JWKS stops working within that time. At most
``kept`` tokens are remembered (least recently used dropped first), by their SHA-256.
"""

from __future__ import annotations

import hashlib
import time
from collections import OrderedDict
from typing import Final

import jwt

from trygnet_core.auth import AuthSettings, Principal, TokenVerifier

REMEMBERED_SECONDS: Final = 60.0


class RememberedTokens(TokenVerifier):
    def __init__(self, settings: AuthSettings, *, kept: int) -> None:
        super().__init__(settings)
        self.kept = kept
        self._known: OrderedDict[bytes, tuple[Principal, float]] = OrderedDict()

    def known(self, token: str | None) -> Principal | None:
        """The token's caller if it was verified and has not expired since."""
        if not token:
            return None
        key = hashlib.sha256(token.encode()).digest()
        found = self._known.get(key)
        if found is None:
            return None
        if found[1] <= time.time():
            del self._known[key]
            return None
        self._known.move_to_end(key)
        return found[0]

    def verify(self, token: str | None) -> Principal:
        principal = self.known(token)
        if principal is not None:
            return principal
        principal = super().verify(token)
        assert token is not None  # verified
        expiry = jwt.decode(token, options={"verify_signature": False}).get("exp")
        until = time.time() + REMEMBERED_SECONDS
        if isinstance(expiry, int | float):
            until = min(until, float(expiry))
        self._known[hashlib.sha256(token.encode()).digest()] = (principal, until)
        while len(self._known) > self.kept:
            self._known.popitem(last=False)
        return principal
