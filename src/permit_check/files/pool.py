"""Runs per-file work in worker processes that the parent can kill.

Each task gets a wall-clock limit; each worker an address-space cap. A task that runs over its
time, or a worker that dies (out of memory, a crash in a C library), becomes an Outcome the caller
turns into a finding; the worker is replaced and the run goes on. Ctrl-C kills every worker, and
a worker never outlives its parent, however the parent ends (even SIGKILL).
"""

from __future__ import annotations

import contextlib
import ctypes
import faulthandler
import os
import resource
import signal
import sys
import time
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from permit_check.limits import Limits

if TYPE_CHECKING:  # multiprocessing loads with the first worker: a re-scan from the cache starts none
    from multiprocessing.connection import Connection

# Below this much headroom over what the worker has already mapped, no cap can work.
MIN_HEADROOM = 512 * 1024 * 1024
PR_SET_PDEATHSIG = 1  # <linux/prctl.h>
# The parent's ends of the live workers' pipes: a worker closes them all (a forked child inherits
# its siblings' too), so that the parent's death is an end-of-file for every worker.
_PARENT_ENDS: set[Connection] = set()


# Why a task has no value: out of time, out of memory (its MemoryError), an exception in the work (its
# message is the detail), or the worker died (the signal that stopped it is the detail, if one did).
TIMEOUT, MEMORY, ERROR, CRASHED = "timeout", "memory", "error", "crashed"
# The signals that stop a run: never handled in the middle of a fork (see _stops_held).
HELD_WHILE_FORKING = (signal.SIGINT, signal.SIGTERM, signal.SIGHUP)


@contextlib.contextmanager
def _stops_held() -> Iterator[None]:
    """Holds back the run's stop signals while a worker is started and put in its place, and hands them to the
    run's own handlers on leaving. A handler that ran during the fork ran inside the fork's own hooks, where the
    exception it raises (Stopped, KeyboardInterrupt) is printed and dropped: the run went on, unstoppable. A
    signal mask would not do: the signal may be delivered to another thread, and Python then runs the handler in
    the main thread wherever it is, hooks included; so the handlers themselves are swapped for one that notes
    the signal."""
    import threading

    if threading.current_thread() is not threading.main_thread():  # only the main thread handles signals
        yield
        return
    noted: list[int] = []
    previous = {number: signal.signal(number, lambda number, _frame: noted.append(number))
                for number in HELD_WHILE_FORKING if callable(signal.getsignal(number))}
    try:
        yield
    finally:
        for number, handler in previous.items():
            signal.signal(number, handler)
        if noted:
            signal.raise_signal(noted[0])  # the run's own handler, now, where the run can unwind


@dataclass(frozen=True)
class Outcome:
    """What became of one task: a value, or the failure (TIMEOUT, MEMORY, ERROR, CRASHED) that left none."""

    value: Any = None
    failure: str | None = None
    detail: str = ""


def _mapped_bytes() -> int:
    try:
        with open("/proc/self/statm", encoding="ascii") as handle:  # noqa: PTH123 - a proc file, read once
            return int(handle.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError):
        return 0


def _cap_memory(memory: int | None) -> None:
    if memory is None:
        return
    limit = max(memory, _mapped_bytes() + MIN_HEADROOM)
    with contextlib.suppress(ValueError, OSError):
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))


def _die_with_parent(parent: int) -> None:
    """Has Linux kill this worker as soon as its parent dies; elsewhere the closed pipe ends it."""
    if sys.platform.startswith("linux"):
        with contextlib.suppress(OSError, AttributeError):
            ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, int(signal.SIGKILL), 0, 0, 0)
    if os.getppid() != parent:  # the parent was gone before the request was made
        os._exit(0)


def _worker(connection: Connection, work: Callable[[Any], Any], memory: int | None, parent: int) -> None:
    _die_with_parent(parent)
    for parent_end in list(_PARENT_ENDS):
        parent_end.close()
    # Ctrl-C goes to the whole process group; the parent decides what happens, not the workers.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    # The parent's handlers (SIGTERM and SIGHUP stop the run) were inherited; a worker just ends.
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    signal.signal(signal.SIGHUP, signal.SIG_DFL)
    # A crash in a C library is reported as a finding; a dump of the stack would only alarm the user.
    faulthandler.disable()
    _cap_memory(memory)
    while True:
        try:
            message = connection.recv()
        except (EOFError, OSError):
            return
        if message is None:
            return
        index, item = message
        reply: tuple[int, str | None, Any]
        try:
            reply = (index, None, work(item))
        except MemoryError:
            reply = (index, MEMORY, None)
        except Exception as error:  # noqa: BLE001 - a bug in one file's work must not end the run
            reply = (index, ERROR, f"{type(error).__name__}: {error}")
        try:
            connection.send(reply)
        except (OSError, ValueError):
            return


class _Slot:
    """One worker process, its pipe, and the task it is on."""

    def __init__(self, work: Callable[[Any], Any], memory: int | None) -> None:
        self.work = work
        self.memory = memory
        import multiprocessing

        context = multiprocessing.get_context("fork")
        self.connection, child = context.Pipe()
        _PARENT_ENDS.add(self.connection)
        self.process = context.Process(target=_worker, args=(child, work, memory, os.getpid()), daemon=True)
        try:
            self.process.start()
        finally:
            child.close()
        self.task: int | None = None
        self.deadline = 0.0
        self.warm = False  # it has run follow-up work: what that work loads (the OCR engine) is loaded here

    def give(self, index: int, item: Any, timeout: float) -> None:
        self.task = index
        self.deadline = time.monotonic() + timeout
        self.connection.send((index, item))

    def kill(self) -> None:
        with contextlib.suppress(OSError):
            self.process.kill()
        self.process.join(timeout=5)
        self._close()

    def stop(self) -> None:
        with contextlib.suppress(OSError, ValueError):
            self.connection.send(None)
        self.process.join(timeout=1)
        if self.process.is_alive():
            self.kill()
        else:
            self._close()

    def _close(self) -> None:
        _PARENT_ENDS.discard(self.connection)
        self.connection.close()


FollowUp = Callable[[int, Outcome], Sequence[Any]]
# A worker that has run no follow-up work joins in only when at least this many such tasks wait and no item
# does: loading what that work needs (the OCR engine: about 0.15 s) costs about four passport pages' reading,
# so for fewer the worker that has it loaded is done sooner alone.
JOIN_FOLLOW_UP_AT = 4


def run_tasks(work: Callable[[Any], Any], items: Sequence[Any], *, jobs: int, limits: Limits,
              progress: Callable[[int, int], None] | None = None, follow_up: FollowUp | None = None) -> list[Outcome]:
    """Outcomes in the order of `items`, then of the tasks `follow_up` added. `work` must be a module-level
    function (workers are forked); `progress` counts the `items` done.

    `follow_up(index, outcome)` hears each outcome as it arrives and may return more tasks for the same
    workers: they run before the items still waiting, so that slow work one result calls for (reading a
    passport's MRZ once its file is known to be a scan) starts at once rather than after the last item,
    and the workers never drain, idle and restart between stages. That work often has something to load
    first (the OCR engine): one worker takes it all while the others go on with the items, and another
    joins in only when no item is left and
    enough of it waits (JOIN_FOLLOW_UP_AT), so that what it loads is loaded as few times as the work allows.
    """
    tasks = list(items)
    outcomes: list[Outcome | None] = [None] * len(tasks)
    if not tasks:
        return []
    waiting = deque(range(len(tasks)))
    extra: deque[int] = deque()  # the follow-up tasks, in the order they were added
    slots: list[_Slot] = []
    done = items_done = 0
    try:
        _start_work(slots, waiting, extra, tasks, work, jobs, limits)
        while done < len(tasks):
            for index, outcome, _slot in _collect(slots):
                outcomes[index] = outcome
                done += 1
                if index < len(items):
                    items_done += 1
                    if progress:
                        progress(items_done, len(items))
                extras = list(follow_up(index, outcome)) if follow_up else []
                extra.extend(range(len(tasks), len(tasks) + len(extras)))
                tasks.extend(extras)
                outcomes.extend(None for _ in extras)
                _start_work(slots, waiting, extra, tasks, work, jobs, limits)
    finally:
        for slot in slots:
            slot.stop() if slot.task is None else slot.kill()
    return [outcome if outcome is not None else Outcome(failure=CRASHED) for outcome in outcomes]


def _start_work(slots: list[_Slot], waiting: deque[int], extra: deque[int], tasks: list[Any],
                work: Callable[[Any], Any], jobs: int, limits: Limits) -> None:
    """Gives every idle worker its next task, starting workers (up to `jobs`) while one would get a task."""
    for slot in slots:
        if slot.task is None:
            _give(slot, _next_task(slot.warm, any(other.warm for other in slots if other is not slot), waiting,
                                   extra), tasks, limits)
    while len(slots) < jobs:
        taken = _next_task(False, any(slot.warm for slot in slots), waiting, extra)
        if taken is None:
            return
        with _stops_held():
            slots.append(_Slot(work, limits.memory))
        _give(slots[-1], taken, tasks, limits)


def _next_task(warm: bool, warm_elsewhere: bool, waiting: deque[int], extra: deque[int]) -> tuple[int, bool] | None:
    """The next task of a worker, and whether it is follow-up work: follow-up work for a worker that has done some
    before (`warm`), or for the first to be free when none has; else the next item; else, for a worker that has
    done none, follow-up work only when enough of it waits to be worth loading what it needs (None: that worker
    waits, or is not started)."""
    if extra and (warm or not warm_elsewhere):
        return extra.popleft(), True
    if waiting:
        return waiting.popleft(), False
    if len(extra) >= JOIN_FOLLOW_UP_AT:
        return extra.popleft(), True
    return None


def _give(slot: _Slot, taken: tuple[int, bool] | None, tasks: list[Any], limits: Limits) -> None:
    if taken is not None:
        index, follow_up = taken
        slot.warm = slot.warm or follow_up
        slot.give(index, tasks[index], limits.timeout)


def _collect(slots: list[_Slot]) -> Iterator[tuple[int, Outcome, _Slot]]:
    """Waits for the next results; replaces workers that ran out of time or died."""
    busy = [slot for slot in slots if slot.task is not None]
    soonest = min(slot.deadline for slot in busy)
    from multiprocessing.connection import wait

    ready = wait([slot.connection for slot in busy], timeout=max(0.0, soonest - time.monotonic()))
    for slot in busy:
        if slot.connection in ready:
            try:
                index, failure, payload = slot.connection.recv()
            except (EOFError, OSError):
                yield _replace(slots, slot, Outcome(failure=CRASHED, detail=_exit_reason(slot)))
                continue
            slot.task = None
            yield index, (Outcome(failure=failure, detail=payload or "") if failure else Outcome(value=payload)), slot
        elif time.monotonic() >= slot.deadline:
            yield _replace(slots, slot, Outcome(failure=TIMEOUT))


def _exit_reason(slot: _Slot) -> str:
    slot.process.join(timeout=1)
    code = slot.process.exitcode
    if code is not None and code < 0:
        return signal.Signals(-code).name
    return ""


def _replace(slots: list[_Slot], slot: _Slot, outcome: Outcome) -> tuple[int, Outcome, _Slot]:
    """Kills a worker that overran or died, and puts a fresh one in its place."""
    index = slot.task
    assert index is not None
    slot.kill()
    with _stops_held():
        fresh = _Slot(slot.work, slot.memory)
        slots[slots.index(slot)] = fresh
    return index, outcome, fresh
