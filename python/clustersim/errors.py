"""The two kinds of failure the module reports without a traceback being the message."""


class InputError(Exception):
    """Bad input (a file that is not what was expected, an unknown variable or label, a bad option): the
    message names the file or option and what was expected, and is meant to be shown to the user as it is."""


class RunError(Exception):
    """`clustersim` (the binary) failed. The message is what the binary printed on stderr (its one-line
    error, or one line per error of an invalid scenario); `status` is its exit status (1 runtime failure,
    2 bad input), `command` the command line that was run and `stderr` all it printed."""

    def __init__(self, message, status=None, command=(), stderr=""):
        super().__init__(message)
        self.status = status
        self.command = list(command)
        self.stderr = stderr
