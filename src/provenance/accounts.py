"""Who the analyst is. Local single-user use needs no set-up: the analyst is the operating
system's user. A team server (``PROVENANCE_AUTH=accounts``) signs analysts in with an account
whose password is kept only as an Argon2 hash (argon2-cffi); names are normalised
(:func:`provenance.identity.fold`), so "Alice" and "alice" are one account.
"""

from __future__ import annotations

import getpass
import os
from typing import Literal

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from provenance.identity import fold
from provenance.storage import Store

AUTH_ENV = "PROVENANCE_AUTH"
MIN_PASSWORD = 10
_HASHER = PasswordHasher()
#: Verified against when the name has no account, so a wrong name takes as long as a wrong
#: password.
_DUMMY = _HASHER.hash("no such account")

AuthMode = Literal["local", "accounts"]


def auth_mode() -> AuthMode:
    """``local`` (the default) or ``accounts``, from ``$PROVENANCE_AUTH``."""
    mode = os.environ.get(AUTH_ENV, "local").strip().lower() or "local"
    if mode not in ("local", "accounts"):
        raise ValueError(f"{AUTH_ENV}={mode!r}: use 'local' or 'accounts'")
    return "accounts" if mode == "accounts" else "local"


def local_analyst() -> str:
    """The operating system's user, normalised: the analyst of a single-user install."""
    return fold(getpass.getuser())


def set_password(store: Store, name: str, password: str) -> str:
    """Create or reset an account; returns its normalised name."""
    account = fold(name)
    if not account:
        raise ValueError("an account needs a name")
    if len(password) < MIN_PASSWORD:
        raise ValueError(f"a password needs at least {MIN_PASSWORD} characters")
    store.set_account(account, _HASHER.hash(password))
    return account


def verify(store: Store, name: str, password: str) -> str | None:
    """The normalised account name when ``password`` is its password, else None."""
    stored = store.password_hash(name)
    try:
        _HASHER.verify(stored or _DUMMY, password)
    except (VerificationError, InvalidHashError):
        return None
    if stored is None:
        return None
    if _HASHER.check_needs_rehash(stored):
        store.set_account(name, _HASHER.hash(password))
    return fold(name)
