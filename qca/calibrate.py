"""Calibration: raw scores to crisp or fuzzy set memberships.

One public function, :func:`calibrate`, following R QCA 3.25's ``calibrate()`` (``R/calibrate.R``)
formula by formula, including its clamping of fuzzy scores below 0.0001 to 0 and above 0.9999
to 1, and its treatment of values on or beyond the anchors. Where this module departs from R
it refuses input R would silently accept or mishandle; the docstring lists each case.
"""

from __future__ import annotations

import math
import warnings
from collections.abc import Mapping
from typing import Any, Literal

import numpy as np
import numpy.typing as npt
import pandas as pd

from ._validation import shown
from .exceptions import HalfMembershipWarning, QCAError, QCAWarning
from .thresholds import parse_thresholds

__all__ = ["calibrate"]

_CALLER = "calibrate()"
_TYPES = ("fuzzy", "crisp")
_METHODS = ("direct", "indirect", "TFR")
_THREE = ("e", "c", "i")
_SIX = ("e1", "c1", "i1", "i2", "c2", "e2")
# R's all.equal() tolerance, used by calibrate.R's check.equal() at the anchors.
_ALL_EQUAL_TOLERANCE = 1.5e-8
# R clamps fuzzy scores this close to 0 or 1 (calibrate.R: fs[fs < 0.0001] <- 0).
_CLAMP = 0.0001

FloatArray = npt.NDArray[np.float64]


def calibrate(
    x: pd.Series | npt.ArrayLike,
    *,
    type: Literal["fuzzy", "crisp"] = "fuzzy",
    method: Literal["direct", "indirect", "TFR"] = "direct",
    thresholds: Mapping[str, float] | npt.ArrayLike | float | None = None,
    logistic: bool = True,
    idm: float = 0.95,
    below: float = 1,
    above: float = 1,
    ecdf: bool = False,
) -> pd.Series | np.ndarray:
    """Calibrate raw scores into crisp or fuzzy set memberships.

    Parameters
    ----------
    x : pandas.Series or array_like
        Raw scores, one per case; numeric, without missing values.
    type : {"fuzzy", "crisp"}
        Kind of set to build.
    method : {"direct", "indirect", "TFR"}
        Fuzzy calibration method: Ragin's direct method with anchors, the indirect method
        (fractional logit regression), or "totally fuzzy and relative" for ordinal data.
        Crisp calibration only accepts the default ``"direct"``.
    thresholds : mapping, sequence, number or str
        R's strings are read too: ``"e=350, c=550, i=850"``, ``"550, 850"``.

        * crisp: one or more cut points (any order); a case's membership is the number of cut
          points its score reaches, so one cut point gives 0/1 and ``m`` give 0..m.
        * fuzzy direct: three anchors ``{"e": ..., "c": ..., "i": ...}`` (full exclusion,
          crossover, full inclusion; ``e < c < i`` for an increasing set, ``e > c > i`` for a
          decreasing one) or six anchors ``{"e1", "c1", "i1", "i2", "c2", "e2"}`` for a bell
          shape (``e1 < c1 < i1 <= i2 < c2 < e2``) or an inverted bell
          (``i1 < c1 < e1 <= e2 < c2 < i2``). A tuple or list gives them in that order.
        * fuzzy indirect: one or more cut points that sort the cases into qualitative groups.
        * TFR: none.
    logistic : bool
        Three-anchor direct calibration: logistic curve (default) or the piecewise power
        function controlled by ``below`` and ``above``. Six anchors always use the latter (as R).
    idm : float
        Inclusion degree of membership at the anchors of the logistic curve, in (0.5, 1):
        ``e`` maps to ``1 - idm``, ``c`` to 0.5 and ``i`` to ``idm``.
    below, above : float
        Positive exponents of the non-logistic curve below and above the crossover
        (1 = linear).
    ecdf : bool
        Non-logistic three-anchor calibration only: use the empirical distribution function of
        the scores lying between the outer anchors instead of the power curve (R ignores it
        elsewhere, and so does this function).

    Returns
    -------
    pandas.Series or numpy.ndarray
        A Series with the index and name of ``x`` when ``x`` is a Series, otherwise an ndarray:
        float64 memberships in [0, 1] (fuzzy) or int64 levels (crisp). ``x`` is not modified.
        Missing scores (None, NaN) give NaN, with a warning, as R gives NA; the other cases are
        calibrated as if the missing ones were not there (crisp levels are then float64).

    Raises
    ------
    QCAError
        On non-finite or non-numeric scores (naming the case), an unknown ``type`` or
        ``method``, misnamed, misordered or equal anchors, ``idm`` outside (0.5, 1),
        non-positive ``below``/``above``, crisp cut points outside the range of ``x``.

    Warns
    -----
    HalfMembershipWarning
        When a case calibrates to exactly 0.5: it cannot be placed in a truth table.

    Notes
    -----
    With ``L = ln(idm / (1 - idm))``, the logistic direct method gives
    ``1 / (1 + exp(-(x - c) L / (i - c)))`` for ``x >= c`` and
    ``1 / (1 + exp((x - c) L / (e - c)))`` below (a decreasing set is computed increasing and
    complemented). The non-logistic curve is 0 up to ``e``, ``((e - x) / (e - c))^below / 2``
    up to ``c``, ``1 - ((i - x) / (i - c))^above / 2`` up to ``i`` and 1 beyond. Anchors are
    matched with R's ``all.equal`` tolerance (1.5e-8, relative). Direct and indirect scores
    below 0.0001 become 0 and above 0.9999 become 1, as in R.

    The indirect method follows R: the sorted cut points ``t1 < ... < tm`` give every case a
    group score ``k/m`` (rounded to 3 decimals), ``k`` the number of cut points its score
    exceeds; a quasi-binomial logit GLM of those scores on ``log(x), sqrt(x), x, x^2`` (zeros
    replaced by 1e-5, as R does) is fitted by R's IRLS algorithm and its fitted values, rounded
    to 6 decimals, are the memberships. TFR (Cheli & Lemmi 1995) gives
    ``max(0, (F(x) - F(1)) / (1 - F(1)))`` with ``F`` the empirical distribution function of
    ``x``, for ordinal (e.g. Likert 1..k) scores.

    Results agree with R package QCA 3.25 to 1e-9 on the calibrations of the Lipset (LR) and
    Cebotari & Vink (CVR) raw data. Deliberate differences from R, all of them refusals:
    anchors that are equal or out of order raise instead of giving a warning or a curve of
    the wrong shape; named crisp thresholds, TFR with thresholds, crisp with a fuzzy
    ``method`` and negative scores with the indirect method (R drops them and returns a shorter
    vector) raise. Missing values give NaN with a warning (R: NA, silently; R's crisp
    calibration errors on them). ``ecdf=True`` uses the scores between the outer anchors
    even when none lies beyond them (R's ``x[-which(...)]`` then empties the vector and errors).

    Examples
    --------
    >>> import qca
    >>> lr = qca.datasets.load("LR")
    >>> dev = qca.calibrate(lr["DEV"], thresholds={"e": 350, "c": 550, "i": 850})
    >>> dev.round(3).head(4)
    case
    AU    0.841
    BE    0.995
    CZ    0.587
    EE    0.230
    Name: DEV, dtype: float64

    A decreasing set (poor countries: inclusion at 350 USD, exclusion at 850 USD), and crisp
    and multi-value sets:

    >>> poor = qca.calibrate(lr["DEV"], thresholds={"e": 850, "c": 550, "i": 350})
    >>> poor.round(3).tolist()[:4]
    [0.159, 0.005, 0.413, 0.77]
    >>> qca.calibrate(lr["DEV"], type="crisp", thresholds=550).tolist()[:6]
    [1, 1, 1, 0, 1, 1]
    >>> qca.calibrate(lr["DEV"], type="crisp", thresholds=(550, 850)).tolist()[:6]
    [1, 2, 1, 0, 1, 2]
    """
    missing = _missing(x)
    if missing is not None:
        return _around_missing(
            x,
            missing,
            type=type,
            method=method,
            thresholds=thresholds,
            logistic=logistic,
            idm=idm,
            below=below,
            above=above,
            ecdf=ecdf,
        )
    options = _calibrate_iv(x, type, method, thresholds, logistic, idm, below, above, ecdf)
    values, index, name, anchors, _names = options
    if type == "crisp":
        result: np.ndarray = np.searchsorted(anchors, values, side="right").astype(np.int64)
    elif method == "TFR":
        result = _tfr(values, index)
    elif method == "indirect":
        result = _clamp(_indirect(values, anchors))
    elif anchors.size == 3:
        if logistic:
            result = _clamp(_logistic(values, anchors, idm))
        else:
            result = _clamp(_power3(values, anchors, below, above, ecdf))
    else:
        result = _clamp(_power6(values, anchors, below, above))
    if type == "fuzzy":
        _warn_half(result, index)
    if index is None:
        return result
    return pd.Series(result, index=index.copy(), name=name)


# --------------------------------------------------------------------------- missing values


def _missing(x: Any) -> npt.NDArray[np.bool_] | None:
    """Which scores are missing (None, NaN, pd.NA), or None when none is (or ``x`` is not a
    vector: the validation then says what is wrong)."""
    if isinstance(x, pd.DataFrame):
        return None
    raw = x.to_numpy() if isinstance(x, pd.Series) else np.asarray(x, dtype=object)
    if raw.ndim != 1 or raw.size == 0:
        return None
    mask = np.asarray(pd.isna(raw), dtype=bool)
    return mask if mask.any() else None


def _around_missing(x: Any, missing: npt.NDArray[np.bool_], **options: Any) -> Any:
    """Calibrate the scores that are there; NaN for the missing ones, with a warning."""
    index = x.index if isinstance(x, pd.Series) else None
    if missing.all():
        raise QCAError(f"{_CALLER}: every score in `x` is missing; there is nothing to calibrate.")
    where = np.flatnonzero(missing)
    name = x.name if isinstance(x, pd.Series) else None
    label = f"`x` ({name!r})" if name is not None else "`x`"
    warnings.warn(
        f"{_CALLER}: {label} has {where.size} missing value(s) ({_case(index, int(where[0]))}"
        f"{_and_more(where.size)}); their memberships are NaN (R: NA).",
        QCAWarning,
        stacklevel=3,
    )
    present = x[~missing] if isinstance(x, pd.Series) else np.asarray(x, dtype=object)[~missing]
    if not isinstance(x, pd.Series):
        present = np.array(present.tolist())
    calibrated = calibrate(present, **options)
    out = np.full(missing.size, np.nan)
    out[~missing] = np.asarray(calibrated, dtype=np.float64)
    if index is None:
        return out
    return pd.Series(out, index=index.copy(), name=x.name)


# --------------------------------------------------------------------------- validation


def _case(index: pd.Index | None, position: int) -> str:
    if index is None:
        return f"position {position}"
    return f"case {index[position]!r}"


def _and_more(count: int) -> str:
    return f" and {count - 1} more" if count > 1 else ""


def _scores(x: Any) -> tuple[FloatArray, pd.Index | None, Any]:
    """``x`` as a fresh float64 vector, with its index and name when it is a Series."""
    if isinstance(x, pd.DataFrame):
        raise QCAError(
            f"{_CALLER}: `x` must be one column of scores (a Series or 1-D array); got a DataFrame "
            f"with columns {[str(c) for c in x.columns]}. Calibrate one column at a time."
        )
    index = name = None
    if isinstance(x, pd.Series):
        index, name = x.index, x.name
        raw = x.to_numpy()
    else:
        raw = x if isinstance(x, np.ndarray) else np.asarray(x, dtype=object)
        if raw.ndim != 1:
            raise QCAError(
                f"{_CALLER}: `x` must be a one-dimensional vector of scores; got shape {raw.shape}."
            )
    label = f"`x` ({name!r})" if name is not None else "`x`"
    if raw.size == 0:
        raise QCAError(f"{_CALLER}: {label} is empty; there are no cases to calibrate.")
    if raw.dtype.kind in "biuf":
        # The common case: already numeric; only NaN and infinities to refuse.
        values = raw.astype(np.float64, copy=True)
        if np.isfinite(values).all():
            return values, index, name
        raw = raw.astype(object)
    values = np.empty(raw.size, dtype=np.float64)
    missing: list[int] = []
    for position, value in enumerate(raw.tolist()):
        number = _as_number(value)
        if number is None:
            if value is None or value is pd.NA or value is pd.NaT:
                missing.append(position)
                continue
            raise QCAError(
                f"{_CALLER}: {label} has a non-numeric value {value!r} ({_case(index, position)}); "
                "expected numbers."
            )
        if math.isnan(number):
            missing.append(position)
            continue
        if math.isinf(number):
            raise QCAError(
                f"{_CALLER}: {label} has a non-finite value {number!r} ({_case(index, position)})."
            )
        values[position] = number
    if missing:
        raise QCAError(
            f"{_CALLER}: {label} has missing values ({_case(index, missing[0])}"
            f"{_and_more(len(missing))}). Drop or impute them before calibrating."
        )
    return values, index, name


def _as_number(value: Any) -> float | None:
    """A float for numbers and numeric strings (as R's possibleNumeric), else None."""
    if isinstance(value, (bool, np.bool_)):
        return float(value)
    if isinstance(value, (int, float, np.integer, np.floating)):
        return float(value)
    if isinstance(value, str):
        try:
            return float(value.strip())
        except ValueError:
            return None
    return None


def _number(value: Any, argument: str) -> float:
    number = _as_number(value)
    # a bool is no anchor (True would be read as 1), nor is text (the scores' strings are)
    if number is None or not math.isfinite(number) or isinstance(value, (str, bool, np.bool_)):
        raise QCAError(f"{_CALLER}: `{argument}` must be a finite number; got {value!r}.")
    return number


def _parse_thresholds(
    thresholds: Any, type_: str, method: str
) -> tuple[FloatArray, tuple[str, ...] | None]:
    """Threshold values (in the order given, or in canonical order when named) and names."""
    if thresholds is None:
        example = "550" if type_ == "crisp" else "{'e': 350, 'c': 550, 'i': 850}"
        raise QCAError(
            f"{_CALLER}: `thresholds` are required for type={type_!r}, method={method!r}; "
            f"e.g. thresholds={example}."
        )
    names: tuple[str, ...] | None = None
    if isinstance(thresholds, Mapping):
        names = tuple(str(key) for key in thresholds)
        items = list(thresholds.values())
    elif isinstance(thresholds, str):
        # R's strings: "e=350, c=550, i=850" or "550, 850"
        read = parse_thresholds(thresholds)
        if isinstance(read, dict):
            names = tuple(read)
            items = list(read.values())
        else:
            items = list(read)
    elif isinstance(thresholds, bytes):
        raise QCAError(
            f"{_CALLER}: `thresholds` must be numbers (a number, a list/tuple, a dict of named "
            f"anchors or R's string 'e=350, c=550, i=850'); got {thresholds!r}."
        )
    elif isinstance(thresholds, pd.Series):
        items = thresholds.tolist()
    else:
        array = np.asarray(thresholds, dtype=object)
        items = [array.item()] if array.ndim == 0 else list(array.ravel())
    if not items:
        raise QCAError(f"{_CALLER}: `thresholds` is empty.")
    values = np.array([_number(item, "thresholds") for item in items], dtype=np.float64)
    return values, names


def _describe(values: FloatArray, names: tuple[str, ...]) -> str:
    return ", ".join(f"{n}={v:g}" for n, v in zip(names, values))


def _fuzzy_anchors(values: FloatArray, names: tuple[str, ...] | None) -> FloatArray:
    """Order named anchors canonically and check their number, names, order and distinctness."""
    if values.size not in (3, 6):
        raise QCAError(
            f"{_CALLER}: fuzzy direct calibration needs 3 anchors (e, c, i) or 6 anchors "
            f"(e1, c1, i1, i2, c2, e2); got {values.size}: {values.tolist()}."
        )
    expected = _THREE if values.size == 3 else _SIX
    if names is not None:
        if sorted(names) != sorted(expected):
            raise QCAError(
                f"{_CALLER}: named anchors must be exactly {list(expected)}; got {list(names)}."
            )
        values = values[[names.index(n) for n in expected]]
    if values.size == 3:
        e, c, i = values
        label = _describe(values, _THREE)
        if e in (c, i) or c == i:
            raise QCAError(f"{_CALLER}: anchors must be distinct; got {label}.")
        if not (e < c < i or e > c > i):
            raise QCAError(
                f"{_CALLER}: anchors must be ordered e < c < i (increasing set) or e > c > i "
                f"(decreasing set); got {label}."
            )
        return values
    e1, c1, i1, i2, c2, e2 = values
    label = _describe(values, _SIX)
    bell = e1 < c1 < i1 <= i2 < c2 < e2
    inverted = i1 < c1 < e1 <= e2 < c2 < i2
    if not (bell or inverted):
        raise QCAError(
            f"{_CALLER}: six anchors must be ordered and distinct, either e1 < c1 < i1 <= i2 < c2 "
            f"< e2 (bell) or i1 < c1 < e1 <= e2 < c2 < i2 (inverted bell); got {label}."
        )
    return values


def _calibrate_iv(
    x: Any,
    type_: Any,
    method: Any,
    thresholds: Any,
    logistic: Any,
    idm: Any,
    below: Any,
    above: Any,
    ecdf: Any,
) -> tuple[FloatArray, pd.Index | None, Any, FloatArray, tuple[str, ...] | None]:
    if type_ not in _TYPES:
        raise QCAError(f"{_CALLER}: `type` must be one of {set(_TYPES)}; got {type_!r}.")
    if method not in _METHODS:
        raise QCAError(f"{_CALLER}: `method` must be one of {set(_METHODS)}; got {method!r}.")
    idm = _number(idm, "idm")
    if not 0.5 < idm < 1:
        raise QCAError(f"{_CALLER}: `idm` must lie strictly between 0.5 and 1; got {shown(idm)}.")
    for argument, value in (("below", below), ("above", above)):
        if _number(value, argument) <= 0:
            raise QCAError(f"{_CALLER}: `{argument}` must be positive; got {value!r}.")
    for argument, value in (("logistic", logistic), ("ecdf", ecdf)):
        if not isinstance(value, (bool, np.bool_)):
            raise QCAError(f"{_CALLER}: `{argument}` must be True or False; got {value!r}.")
    values, index, name = _scores(x)
    anchors = np.empty(0)
    names = None
    if type_ == "crisp":
        if method != "direct":
            raise QCAError(
                f"{_CALLER}: `method` applies to fuzzy calibration only; got method={method!r} "
                "with type='crisp'. Drop `method` or use type='fuzzy'."
            )
        anchors, names = _parse_thresholds(thresholds, type_, method)
        if names is not None:
            raise QCAError(
                f"{_CALLER}: named thresholds {list(names)} require type='fuzzy'; give crisp "
                "cut points as a number or a list, e.g. thresholds=(550, 850)."
            )
        anchors = np.sort(anchors)
        if np.unique(anchors).size < anchors.size:
            raise QCAError(f"{_CALLER}: crisp thresholds must be distinct; got {anchors.tolist()}.")
        low, high = values.min(), values.max()
        outside = anchors[(anchors < low) | (anchors > high)]
        if outside.size:
            raise QCAError(
                f"{_CALLER}: crisp threshold(s) {outside.tolist()} outside the range of `x` "
                f"[{low:g}, {high:g}]; every case would fall on the same side."
            )
    elif method == "TFR":
        if thresholds is not None:
            raise QCAError(f"{_CALLER}: method='TFR' takes no `thresholds`; got {thresholds!r}.")
    elif method == "indirect":
        anchors, names = _parse_thresholds(thresholds, type_, method)
        anchors = np.sort(anchors)
        if np.unique(anchors).size < anchors.size:
            raise QCAError(
                f"{_CALLER}: indirect calibration thresholds must be distinct; "
                f"got {anchors.tolist()}."
            )
        negative = np.flatnonzero(values < 0)
        if negative.size:
            raise QCAError(
                f"{_CALLER}: the indirect method regresses on log(x), so `x` must not be negative; "
                f"got {values[negative[0]]:g} ({_case(index, int(negative[0]))}"
                f"{_and_more(negative.size)})."
            )
    else:
        anchors, names = _parse_thresholds(thresholds, type_, method)
        anchors = _fuzzy_anchors(anchors, names)
    return values, index, name, anchors, names


# --------------------------------------------------------------------------- kernels


def _near(x: FloatArray, anchor: float) -> npt.NDArray[np.bool_]:
    """R's ``isTRUE(all.equal(x, anchor))`` element-wise (relative to ``|x|`` unless tiny)."""
    difference = np.abs(x - anchor)
    scale = np.abs(x)
    with np.errstate(over="ignore"):
        relative = np.where(
            scale > _ALL_EQUAL_TOLERANCE, difference / np.where(scale > 0, scale, 1), difference
        )
    return relative <= _ALL_EQUAL_TOLERANCE


def _at_or_below(x: FloatArray, anchor: float) -> npt.NDArray[np.bool_]:
    return (x < anchor) | _near(x, anchor)


def _clamp(fs: FloatArray) -> FloatArray:
    fs = fs.copy()
    fs[fs < _CLAMP] = 0.0
    fs[fs > 1 - _CLAMP] = 1.0
    return fs


def _logistic(x: FloatArray, anchors: FloatArray, idm: float) -> FloatArray:
    e, c, i = anchors
    decreasing = e > i
    if decreasing:
        e, i = i, e
    log_odds = math.log(idm / (1 - idm))
    below = x < c
    sign = np.where(below, 1.0, -1.0)
    distance = np.where(below, e, i) - c
    # Same operation order as R, so the last bits agree.
    with np.errstate(over="ignore"):  # exp overflow gives 0 or 1, as in R
        fs = 1 / (1 + np.exp(sign * (x - c) * log_odds / distance))
    return 1 - fs if decreasing else fs


def _power3(
    x: FloatArray, anchors: FloatArray, below: float, above: float, use_ecdf: bool
) -> FloatArray:
    e, c, i = anchors
    increasing = not (i < c < e)
    with np.errstate(all="ignore"):
        lower = ((e - x) / (e - c)) ** below / 2
        upper = 1 - ((i - x) / (i - c)) ** above / 2
        if use_ecdf:
            kept = np.sort(x[(x >= anchors.min()) & (x <= anchors.max())])
            fn_x = np.searchsorted(kept, x, side="right") / kept.size
            fn_c = np.searchsorted(kept, c, side="right") / kept.size
            if increasing:
                lower = fn_x / fn_c / 2
                upper = 1 - (1 - fn_x) / (1 - fn_c) / 2
            else:
                upper = 1 - fn_x / fn_c / 2
                lower = (1 - fn_x) / (1 - fn_c) / 2
    if increasing:
        choices = [
            (_at_or_below(x, e), 0.0),
            (_at_or_below(x, c), lower),
            (_at_or_below(x, i), upper),
        ]
        default = 1.0
    else:
        choices = [
            (_at_or_below(x, i), 1.0),
            (_at_or_below(x, c), upper),
            (_at_or_below(x, e), lower),
        ]
        default = 0.0
    return _select(choices, default, x.size)


def _power6(x: FloatArray, anchors: FloatArray, below: float, above: float) -> FloatArray:
    e1, c1, i1, i2, c2, e2 = anchors
    increasing = not (i1 < c1 < e1 <= e2 < c2 < i2)
    with np.errstate(all="ignore"):
        rise_low = ((e1 - x) / (e1 - c1)) ** below / 2
        rise_high = 1 - ((i1 - x) / (i1 - c1)) ** above / 2
        fall_high = 1 - ((i2 - x) / (i2 - c2)) ** above / 2
        fall_low = ((e2 - x) / (e2 - c2)) ** below / 2
    if increasing:
        choices = [
            (_at_or_below(x, e1), 0.0),
            (_at_or_below(x, c1), rise_low),
            (x < i1, rise_high),
            (_at_or_below(x, i2), 1.0),
            (_at_or_below(x, c2), fall_high),
            (_at_or_below(x, e2), fall_low),
        ]
        default = 0.0
    else:
        choices = [
            (_at_or_below(x, i1), 1.0),
            (_at_or_below(x, c1), rise_high),
            (x < e1, rise_low),
            (_at_or_below(x, e2), 0.0),
            (_at_or_below(x, c2), fall_low),
            (_at_or_below(x, i2), fall_high),
        ]
        default = 1.0
    return _select(choices, default, x.size)


def _select(choices: list[tuple[Any, Any]], default: float, size: int) -> FloatArray:
    """First matching branch wins, as in R's if / else if chain."""
    conditions = [condition for condition, _ in choices]
    branches = [
        np.broadcast_to(np.asarray(value, dtype=np.float64), (size,)) for _, value in choices
    ]
    return np.select(conditions, branches, default=default).astype(np.float64)


def _tfr(x: FloatArray, index: pd.Index | None) -> FloatArray:
    ordered = np.sort(x)
    cdf = np.searchsorted(ordered, x, side="right") / x.size
    at_one = np.searchsorted(ordered, 1.0, side="right") / x.size
    if at_one == 1:
        raise QCAError(
            f"{_CALLER}: method='TFR' expects ordinal scores starting at 1 (e.g. a Likert scale "
            f"1..k) with some cases above 1; every score is <= 1 (largest {x.max():g})."
        )
    return np.maximum(0.0, (cdf - at_one) / (1 - at_one))


# R's binomial family in C (src/library/stats/src/family.c): logit link with thresholds at +-30.
_EPS = np.finfo(np.float64).eps
_THRESH = 30.0


def _linkinv(eta: FloatArray) -> FloatArray:
    with np.errstate(over="ignore"):
        t = np.where(eta < -_THRESH, _EPS, np.where(eta > _THRESH, 1 / _EPS, np.exp(eta)))
    return t / (1 + t)


def _mu_eta(eta: FloatArray) -> FloatArray:
    with np.errstate(over="ignore", invalid="ignore"):
        opexp = 1 + np.exp(eta)
        value = np.exp(eta) / (opexp * opexp)
    return np.where((eta > _THRESH) | (eta < -_THRESH), _EPS, value)


def _deviance(y: FloatArray, mu: FloatArray) -> float:
    with np.errstate(divide="ignore", invalid="ignore"):
        a = np.where(y != 0, y * np.log(y / mu), 0.0)
        b = np.where(1 - y != 0, (1 - y) * np.log((1 - y) / (1 - mu)), 0.0)
    return float(np.sum(2 * (a + b)))


def _fractional_logit(design: FloatArray, y: FloatArray) -> FloatArray:
    """Fitted values of R's ``glm(y ~ ..., family = quasibinomial(logit))``.

    The IRLS loop of R's ``glm.fit`` (start ``mu = (y + 0.5) / 2``, convergence when the
    relative change in deviance is below 1e-8, at most 25 iterations). Columns are scaled to
    unit norm before each weighted least-squares step: the fitted values do not depend on the
    scaling, and the scaling keeps ``x^2`` next to ``log(x)`` well conditioned. A fit that does
    not converge, or ends with a larger deviance than it started with, raises QCAError.
    """
    scale = np.linalg.norm(design, axis=0)
    scale[scale == 0] = 1
    design = design / scale
    mu = (y + 0.5) / 2
    eta = np.log(mu / (1 - mu))
    mu = _linkinv(eta)
    deviance_start = deviance_old = _deviance(y, mu)
    converged = False
    for _ in range(25):
        gradient = _mu_eta(eta)
        good = gradient != 0
        variance = mu * (1 - mu)
        z = eta[good] + (y - mu)[good] / gradient[good]
        w = np.sqrt(gradient[good] ** 2 / variance[good])
        coefficients = np.linalg.lstsq(design[good] * w[:, None], z * w, rcond=None)[0]
        eta = design @ coefficients
        mu = _linkinv(eta)
        deviance = _deviance(y, mu)
        if not np.isfinite(deviance):
            break
        if abs(deviance - deviance_old) / (abs(deviance) + 0.1) < 1e-8:
            converged = True
            break
        deviance_old = deviance
    # R warns and returns whatever the last iteration gave; a diverged fit is no calibration.
    if not converged or not np.isfinite(deviance) or deviance > deviance_start:
        raise QCAError(
            f"{_CALLER}: the indirect method's fractional logit regression did not converge "
            "(R's glm would warn 'algorithm did not converge' or 'fitted probabilities "
            "numerically 0 or 1'): the groups set by `thresholds` are (nearly) perfectly "
            "separated by x, e.g. with a single threshold. Use more thresholds or the direct "
            "method."
        )
    return mu


def _indirect(x: FloatArray, cuts: FloatArray) -> FloatArray:
    groups = [round(k / cuts.size, 3) for k in range(cuts.size + 1)]
    y = np.zeros(x.size)
    for k, cut in enumerate(cuts):
        y[x > cut] = groups[k + 1]
    x = np.where(x == 0, 0.00001, x)
    design = np.column_stack([np.ones_like(x), np.log(x), np.sqrt(x), x, x**2])
    fitted = _fractional_logit(design, y)
    return np.array([round(float(value), 6) for value in fitted], dtype=np.float64)


def _warn_half(result: FloatArray, index: pd.Index | None) -> None:
    half = np.flatnonzero(result == 0.5)
    if not half.size:
        return
    shown = [repr(index[p]) if index is not None else str(p) for p in half[:10]]
    more = f" and {half.size - 10} more" if half.size > 10 else ""
    where = "" if index is not None else "at position(s) "
    warnings.warn(
        f"{_CALLER}: {half.size} case(s) calibrate to exactly 0.5 "
        f"({where}{', '.join(shown)}{more}): "
        "they cannot be placed in a truth table; move the crossover.",
        HalfMembershipWarning,
        stacklevel=3,
    )
