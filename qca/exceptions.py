"""Exceptions and warnings raised by :mod:`qca`.

Every error about user input is a :class:`QCAError`, a subclass of :class:`ValueError`,
so ``except ValueError`` keeps working for callers who do not know this package.
"""

from __future__ import annotations

__all__ = [
    "ExpressionError",
    "HalfMembershipWarning",
    "LevelGapWarning",
    "NoConfigurationsError",
    "ProblemTooLargeError",
    "QCAError",
    "QCAWarning",
    "StudyFileError",
    "TruncatedModelsWarning",
]


class QCAError(ValueError):
    """Invalid input or an analysis that cannot be carried out as asked."""


class NoConfigurationsError(QCAError):
    """No truth-table row qualifies for what was asked (e.g. no positive row to explain)."""


class ExpressionError(QCAError):
    """A Boolean expression could not be parsed or refers to an unknown condition.

    Attributes
    ----------
    text : str
        The expression as given.
    position : int or None
        0-based character offset of the problem, when it is a syntax error.
    """

    def __init__(self, message: str, *, text: str = "", position: int | None = None) -> None:
        super().__init__(message)
        self.text = text
        self.position = position

    def naming(self, source: str) -> ExpressionError:
        """The same error, its message led by where the text came from (``"fit(): `dir_exp` 'A*'"``)."""
        return ExpressionError(f"{source}: {self}", text=self.text, position=self.position)


class ProblemTooLargeError(QCAError):
    """A minimization problem would exceed a documented limit (memory, chart size, models)."""


class StudyFileError(QCAError):
    """A study file (``qca run STUDY.toml``) has a missing or mistyped key."""


class QCAWarning(UserWarning):
    """Base class of the warnings issued by :mod:`qca`."""


class HalfMembershipWarning(QCAWarning):
    """A membership score of exactly 0.5: the case cannot be placed in a truth-table row."""


class TruncatedModelsWarning(QCAWarning):
    """The listing of minimal models stopped at ``max_models``; the result says how many exist."""


class LevelGapWarning(QCAWarning):
    """A whole-number condition read as multi-value has levels no case takes (``0, 1, 7``: a
    typo for ``1`` makes an 8-level condition)."""
