"""Errors that phrase themselves for the user (plain Chinese `user_message`)."""

from __future__ import annotations


class PolicyError(Exception):
    """Base: `user_message` is shown to the user as it is."""

    def __init__(self, user_message: str) -> None:
        super().__init__(user_message)
        self.user_message = user_message


class InvalidInput(PolicyError):
    """A fact the user gave cannot be right: negative, absurd, wrong type."""


class MissingFacts(PolicyError):
    """A calculator needs a fact the user has not given; `follow_up` asks for it."""

    def __init__(self, user_message: str, *, item: str, missing: str, follow_up: str) -> None:
        super().__init__(user_message)
        self.item = item
        self.missing = missing
        self.follow_up = follow_up


class OutsidePolicy(PolicyError):
    """The case falls outside what the policy covers (dates, applicant type, no such award)."""
