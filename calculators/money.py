"""Money as Decimal yuan, and how answers write it."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation, localcontext

ZERO = Decimal(0)
FEN = Decimal("0.01")
WAN = Decimal(10_000)
# Beyond this a "合同金额" or "官费" is a typo or an attack, not a case: 100亿元.
ABSURD_YUAN = Decimal(10_000_000_000)


def to_fen(value: Decimal) -> Decimal:
    """The policy sets no rounding rule; we round to the fen, half up (README: 取整). Enough precision for
    any figure a user may type (a 30-digit 'amount' is shown back to them, never computed with)."""
    with localcontext() as ctx:
        ctx.prec = max(ctx.prec, value.adjusted() + 4)
        return value.quantize(FEN, ROUND_HALF_UP)


def as_decimal(value: object) -> Decimal:
    """Decimal from int/str/Decimal/float; raises ValueError for anything else or non-finite."""
    if isinstance(value, bool):
        raise ValueError("bool is not a number")
    try:
        number = Decimal(str(value)) if isinstance(value, float) else Decimal(value)  # type: ignore[arg-type]
    except (InvalidOperation, TypeError) as exc:
        raise ValueError(f"not a number: {value!r}") from exc
    if not number.is_finite():
        raise ValueError(f"not finite: {value!r}")
    return number


def plain(value: Decimal) -> str:
    """1234.50 -> '1234.5', 20000 -> '20000' (no exponent, no trailing zeros)."""
    text = format(value.normalize(), "f")
    return text


def yuan(value: Decimal | int) -> str:
    """How an answer writes money: 2万元, 0.5万元 as 5000元, 1234.56元, 12.5万元."""
    value = Decimal(value)
    # value % 100 raises for figures beyond the context's 28 digits; a division does not.
    if abs(value) >= WAN and (value / 100).to_integral_value() * 100 == value:
        return f"{plain(value / WAN)}万元"
    return f"{plain(to_fen(value))}元"


def yuan_int(value: Decimal) -> int | float:
    """For JSON: whole yuan as int, otherwise a float with fen."""
    value = to_fen(value)
    return int(value) if value == value.to_integral_value() else float(value)
