"""The exceptions tfmicro raises, one per TfmStatus of the C API.

Every error derives from ``TfmicroError``, itself a ``RuntimeError`` so that
code written for the tflite_micro runtime (which raises RuntimeError) keeps
working.
"""

from __future__ import annotations


class TfmicroError(RuntimeError):
    """Base class of tfmicro errors; ``status`` is the C API's TfmStatus."""

    status: int | None = None

    def __init__(self, message: str, status: int | None = None) -> None:
        super().__init__(message)
        if status is not None:
            self.status = status


class LibraryNotFoundError(TfmicroError):
    """The native library libtfmicro_c.so could not be found or loaded."""


class InvalidModelError(TfmicroError):
    """The bytes are not a valid TFLite model for tfmicro."""

    status = 1


class UnsupportedOpError(TfmicroError):
    """An operator of the model has no kernel in this build."""

    status = 2


class ArenaTooSmallError(TfmicroError):
    """The arena cannot hold what the model needs."""

    status = 3


class KernelError(TfmicroError):
    """A kernel rejected its node (types, shapes, parameters)."""

    status = 4


class NotReadyError(TfmicroError):
    """A call came in the wrong order (e.g. invoke before allocation)."""

    status = 5


class InvalidArgumentError(TfmicroError, ValueError):
    """The C API rejected an argument."""

    status = 6


_BY_STATUS: dict[int, type[TfmicroError]] = {
    cls.status: cls
    for cls in (InvalidModelError, UnsupportedOpError, ArenaTooSmallError,
                KernelError, NotReadyError, InvalidArgumentError)
}


def error_for_status(status: int, message: str) -> TfmicroError:
    """The exception for a non-OK TfmStatus, carrying the C message."""
    cls = _BY_STATUS.get(int(status))
    if cls is None:
        return TfmicroError(f"{message} (unknown status {int(status)})",
                            int(status))
    return cls(message, int(status))
