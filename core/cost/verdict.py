"""The Cost page's one-sentence verdict, generated from the rows' numbers (what depth buys, how decoders compare)."""

from __future__ import annotations

import math
from collections.abc import Sequence

from core.cost.estimate import CostRow
from core.i18n import has, t
from core.i18n.claims import TIES_AS_EXACT
from core.present.format import money, percent, ratio_of

# Relative errors below 0.01 % count as equally exact: the nets compute in float32 (~1e-7) and the decoders in
# float64, so differences down there are arithmetic, not recovery, and no application would notice them.
EXACT = TIES_AS_EXACT  # errors below it tie (core/i18n/claims.py)
# Costs within 25 % count as the same: best-of-5 throughputs of one net spread by up to 30 % between runs here
# (measured, with other jobs on the 2 cores), so a smaller gap is not a difference we can vouch for.
SAME_COST = 0.25


def _who(row: CostRow, lang: str) -> str:
    """How the verdict names a row: by depth or decoder, in `lang`; an unknown decoder by its label."""
    if row.key == "2h":
        return t("cost.who.hand_built", lang)
    if row.key == "1n":
        return t("cost.who.normalised", lang)
    if row.kind == "network":
        return t("cost.who.depth1", lang) if row.depth == 1 else t("cost.who.depth", lang, depth=row.depth)
    key = f"cost.who.{row.key}"
    return t(key, lang) if has(key) else row.name


def _best(rows: Sequence[CostRow]) -> CostRow | None:
    """The most accurate row; errors below EXACT tie, and then the cheaper per signal wins."""
    return min(rows, key=lambda r: (max(r.rms_rel_error, EXACT), r.cost_per_1000), default=None)


def _compare(theirs: float, ours: float) -> str:
    """ "same" if within SAME_COST of each other, else "dearer" or "cheaper" (theirs against ours)."""
    if abs(theirs - ours) <= SAME_COST * max(abs(theirs), abs(ours)):
        return "same"
    return "dearer" if theirs > ours else "cheaper"


def verdict(rows: Sequence[CostRow], lang: str) -> str:
    """ONE sentence from the numbers, in Japanese or English ("en"): what a deeper net buys over one hidden layer,
    and how the most accurate classical decoder compares per signal. Rows without an error figure are left out."""
    judged = [r for r in rows if r.rms_rel_error is not None and math.isfinite(r.rms_rel_error)]
    # the normalised net (key "1n") has one hidden layer but is no answer to "what does depth buy": kept apart
    one = _best([r for r in judged if r.kind == "network" and r.depth == 1 and r.key != "1n"])
    deep = _best([r for r in judged if r.kind == "network" and (r.depth or 0) >= 2])
    dec = _best([r for r in judged if r.kind == "decoder"])
    net = deep or one or _best([r for r in judged if r.key == "1n"])
    if net is None and dec is None:
        return t("cost.verdict.empty", lang)
    currency = judged[0].currency
    if one is not None and deep is not None:
        better = "better" if deep.rms_rel_error < one.rms_rel_error else "worse"
        amount = money(abs(deep.monthly_cost - one.monthly_cost), currency)
        main = t(
            f"cost.verdict.main.{better}_{_compare(deep.monthly_cost, one.monthly_cost)}",
            lang,
            **{"one": _who(one, lang), "deep": _who(deep, lang), "money": amount},
            **{"err_one": percent(one.rms_rel_error), "err_deep": percent(deep.rms_rel_error)},
        )
    else:
        alone = net or dec
        err, amount = percent(alone.rms_rel_error), money(alone.monthly_cost, currency)
        main = t("cost.verdict.main.alone", lang, who=_who(alone, lang), err=err, money=amount)
    decoder = ""
    if net is not None and dec is not None:
        err_net, err_dec = max(net.rms_rel_error, EXACT), max(dec.rms_rel_error, EXACT)
        # "as accurate" within 1 point or a quarter of the larger error: finer differences are sampling noise of
        # RMS errors from 100–2000 test signals (both below EXACT count as exact, hence the same)
        close = abs(err_dec - err_net) <= max(0.01, 0.25 * max(err_net, err_dec))
        accuracy = "same" if close else "better" if err_dec < err_net else "worse"
        price = _compare(dec.cost_per_1000, net.cost_per_1000)
        ratio = ratio_of(dec.cost_per_1000, net.cost_per_1000) if price != "same" else ""
        err_dec_text = percent(dec.rms_rel_error)
        decoder = t(
            f"cost.verdict.dec.{accuracy}.{price}", lang, dec=_who(dec, lang), err_dec=err_dec_text, ratio=ratio
        )
    sentence = t("cost.verdict.sentence", lang, main=main, decoder=decoder)
    return sentence[0].upper() + sentence[1:]
