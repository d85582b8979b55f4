"""Worker processes that stay quiet when their run is interrupted.

Ctrl-C reaches every process of the terminal's process group, and a killed
parent leaves its workers writing into a closed pipe; by default each worker
then prints a ``KeyboardInterrupt`` or ``BrokenPipeError`` traceback, dozens
in all. Workers started with :func:`quiet_worker` ignore Ctrl-C (the parent
receives it and stops the pool) and, on Linux, are killed by the kernel the
moment their parent dies, before they can write into the broken pipe (and
instead of computing on for nobody).

Making a broken pipe end the worker through SIGPIPE is not an option: a
worker killed while sending holds the pool's queue lock for ever, and its
siblings wait on it for ever.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import os
import signal
import sys

_PR_SET_PDEATHSIG = 1


def _die_with_parent(parent: int) -> None:
    if not sys.platform.startswith("linux"):
        return
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    except (OSError, AttributeError):  # no libc to ask: workers just end later, with the pool
        return
    if os.getppid() != parent:  # the parent died before the request took effect
        os._exit(0)


def quiet_worker(parent: int) -> None:
    """``multiprocessing.Pool`` initializer (``initargs=(os.getpid(),)``): Ctrl-C is the parent's to handle."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _die_with_parent(parent)
