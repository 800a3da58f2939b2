"""The policy text as data: clauses with stable ids, parsed from the raw text."""

from corpus.clauses import (
    CLAUSE_IDS,
    POLICY_ID,
    Clause,
    Policy,
    clause,
    load_policy,
    parse_policy,
)

__all__ = ["CLAUSE_IDS", "POLICY_ID", "Clause", "Policy", "clause", "load_policy", "parse_policy"]
