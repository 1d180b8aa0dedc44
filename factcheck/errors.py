"""One exception family for bad input, turned into findings or an exit code in one place."""

from __future__ import annotations

import sys
from collections.abc import Callable


class FactcheckError(Exception):
    """Base of every error a user can cause; never shown as a traceback."""


class UsageError(FactcheckError):
    """Bad command-line use: exit code 2."""



def guarded(call: Callable[[], int], debug: Callable[[], bool]) -> int:
    """Run a command and turn what it raises into an exit code: the one place that does.

    Bad use is 2 and bad input 1, each a one-line message; an internal error is 3 with
    one line, or its traceback when `debug()` says so (`--debug`, FACTCHECK_DEBUG).
    """
    try:
        return call()
    except UsageError as exc:
        sys.stderr.write(f"factcheck: error: {printable_error(exc)}\n")
        return 2
    except FactcheckError as exc:
        sys.stderr.write(f"factcheck: {printable_error(exc)}\n")
        return 1
    except BrokenPipeError:
        return 1
    except KeyboardInterrupt:
        sys.stderr.write("factcheck: interrupted\n")
        return 130
    except Exception as exc:
        if debug():
            raise
        sys.stderr.write(f"factcheck: internal error: {type(exc).__name__}: {printable_error(exc, 500)} "
                         "(run with --debug for a traceback)\n")
        return 3


def printable_error(exc: BaseException, limit: int = 2000) -> str:
    """An error message made safe for a terminal: control characters escaped, length capped."""
    from factcheck.claims.source import printable

    text = printable(str(exc))
    return text if len(text) <= limit else text[: limit - 1] + "…"
