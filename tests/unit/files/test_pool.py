"""The worker pool: no worker outlives the run, however the run ends."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from permit_check.cli import Stopped, _stopping_on_signals
from permit_check.files.pool import JOIN_FOLLOW_UP_AT, run_tasks
from permit_check.limits import Limits

# A parent that hands each worker a task which records the worker's pid in a folder, then runs the
# named task (`sleep`: a minute; `quick`: nothing, so the worker goes back to waiting for work).
PARENT = """
import os, sys, time
from pathlib import Path
from permit_check.files import pool
from permit_check.limits import Limits

def work(task):
    folder, kind = task
    Path(folder, f"{kind}-{os.getpid()}").touch()
    if kind == "sleep":
        time.sleep(60)

if sys.argv[2] == "no-pdeathsig":
    pool._die_with_parent = lambda parent: None  # as on a system without prctl
pool.run_tasks(work, [(sys.argv[1], kind) for kind in sys.argv[3:]], jobs=2, limits=Limits(timeout=60))
"""


def _sleep_and_tell(folder: Path) -> None:
    (folder / str(os.getpid())).touch()
    time.sleep(60)


def _alive(pid: int) -> bool:
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return False
    return "\nState:\tZ" not in status  # a zombie has ended; only its exit status waits to be collected


def _wait_for(folder: Path, count: int) -> list[tuple[str, int]]:
    """(task kind, worker pid) for each worker that has started its task."""
    deadline = time.monotonic() + 20
    while len(list(folder.iterdir())) < count:
        assert time.monotonic() < deadline, "the workers never started"
        time.sleep(0.05)
    return [(kind, int(pid)) for kind, pid in (path.name.split("-") for path in folder.iterdir())]


def _gone_soon(pid: int) -> bool:
    deadline = time.monotonic() + 5
    while _alive(pid) and time.monotonic() < deadline:
        time.sleep(0.05)
    return not _alive(pid)


def _killed_parent(tmp_path: Path, mode: str, *kinds: str) -> list[tuple[str, int]]:
    parent = subprocess.Popen([sys.executable, "-c", PARENT, str(tmp_path), mode, *kinds])
    try:
        workers = _wait_for(tmp_path, len(kinds))
        time.sleep(0.2)  # the quick worker is back waiting for work
    finally:
        parent.kill()
        parent.wait()
    return workers


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="PR_SET_PDEATHSIG is Linux's")
def test_a_busy_worker_dies_with_its_parent(tmp_path: Path) -> None:
    workers = _killed_parent(tmp_path, "pdeathsig", "sleep", "sleep")
    try:
        assert all(_gone_soon(pid) for _, pid in workers)
    finally:
        for _, pid in workers:
            if _alive(pid):
                os.kill(pid, signal.SIGKILL)


def test_an_idle_worker_ends_when_its_parent_is_gone_even_without_pdeathsig(tmp_path: Path) -> None:
    """Every worker closes the parent's ends of all the pipes, so the parent's death is end-of-file."""
    workers = _killed_parent(tmp_path, "no-pdeathsig", "quick", "sleep")
    try:
        assert _gone_soon(dict(workers)["quick"])
    finally:
        for _, pid in workers:
            if _alive(pid):
                os.kill(pid, signal.SIGKILL)


@pytest.mark.parametrize("stop", [signal.SIGTERM, signal.SIGHUP])
def test_a_stop_signal_ends_the_run_and_its_workers(tmp_path: Path, stop: signal.Signals) -> None:
    before = signal.getsignal(stop)
    timer = threading.Timer(1.0, os.kill, (os.getpid(), stop))
    timer.start()
    with pytest.raises(Stopped) as stopped, _stopping_on_signals():
        run_tasks(_sleep_and_tell, [tmp_path] * 3, jobs=2, limits=Limits(timeout=60))
    timer.join()
    assert stopped.value.signum == stop
    workers = [int(path.name) for path in tmp_path.iterdir()]
    assert len(workers) == 2
    assert not any(_alive(pid) for pid in workers)
    assert signal.getsignal(stop) == before  # the handlers are put back after the run


def _record(task: tuple[str, str]) -> str:
    folder, name = task
    with Path(folder, "order").open("a") as handle:
        handle.write(name + "\n")
    return name.upper()


def test_follow_up_tasks_run_before_the_waiting_ones_and_come_back_last(tmp_path: Path) -> None:
    """A result can call for more work (a passport's MRZ once its file is known to be a scan): that work runs
    next, in the same workers, and its outcome follows those of the items."""
    items = [(str(tmp_path), name) for name in ("passport", "cv", "offer")]

    def follow_up(index: int, outcome: object) -> list[tuple[str, str]]:
        return [(str(tmp_path), "passport-mrz")] if index == 0 else []

    outcomes = run_tasks(_record, items, jobs=1, limits=Limits(timeout=60), follow_up=follow_up)
    assert (tmp_path / "order").read_text().split() == ["passport", "passport-mrz", "cv", "offer"]
    assert [outcome.value for outcome in outcomes] == ["PASSPORT", "CV", "OFFER", "PASSPORT-MRZ"]


def test_follow_up_tasks_get_a_worker_of_their_own_when_enough_of_them_wait(tmp_path: Path) -> None:
    """One item and two jobs: its many follow-ups are shared between two workers, not queued behind one."""
    def follow_up(index: int, outcome: object) -> list[tuple[str, str]]:
        return [(str(tmp_path), f"sleep-{n}") for n in range(JOIN_FOLLOW_UP_AT + 1)] if index == 0 else []

    outcomes = run_tasks(_nap, [(str(tmp_path), "first")], jobs=2, limits=Limits(timeout=60), follow_up=follow_up)
    assert [outcome.value for outcome in outcomes] == ["first"] + [f"sleep-{n}" for n in range(JOIN_FOLLOW_UP_AT + 1)]
    assert len(set((tmp_path / "pids").read_text().split())) == 2


def test_a_few_follow_ups_stay_with_the_worker_that_has_what_they_need(tmp_path: Path) -> None:
    """Fewer follow-ups than are worth loading the engine for: when no item is left, the worker that has run
    such work takes them all, and the other does not load what they need for one or two of them."""
    items = [(str(tmp_path), "passport", 0.0)] + [(str(tmp_path), f"file-{n}", 0.05) for n in range(2)]

    def follow_up(index: int, outcome: object) -> list[tuple[str, str, float]]:
        return [(str(tmp_path), f"mrz-{n}", 0.3) for n in range(JOIN_FOLLOW_UP_AT - 1)] if index == 0 else []

    outcomes = run_tasks(_timed_nap, items, jobs=2, limits=Limits(timeout=60), follow_up=follow_up)
    assert [outcome.value for outcome in outcomes][-1] == f"mrz-{JOIN_FOLLOW_UP_AT - 2}"
    runs = dict(line.split() for line in (tmp_path / "runs").read_text().splitlines())
    assert len({runs[f"mrz-{n}"] for n in range(JOIN_FOLLOW_UP_AT - 1)}) == 1


def _nap(task: tuple[str, str]) -> str:
    folder, name = task
    with Path(folder, "pids").open("a") as handle:
        handle.write(f"{os.getpid()}\n")
    if name.startswith("sleep"):
        time.sleep(1)
    return name


def _timed_nap(task: tuple[str, str, float]) -> str:
    folder, name, seconds = task
    time.sleep(seconds)
    with Path(folder, "runs").open("a") as handle:
        handle.write(f"{name} {os.getpid()}\n")
    return name


def test_one_worker_takes_the_follow_up_work_while_items_are_left(tmp_path: Path) -> None:
    """Follow-up work loads something first (the OCR engine): the worker that started it keeps it, and the other
    goes on with the items, so that it is loaded once, not in every worker."""
    items = [(str(tmp_path), "passport", 0.0)] + [(str(tmp_path), f"file-{n}", 0.2) for n in range(6)]

    def follow_up(index: int, outcome: object) -> list[tuple[str, str, float]]:
        return [(str(tmp_path), f"mrz-{n}", 0.1) for n in range(3)] if index == 0 else []

    run_tasks(_timed_nap, items, jobs=2, limits=Limits(timeout=60), follow_up=follow_up)
    runs = dict(line.split() for line in (tmp_path / "runs").read_text().splitlines())
    assert len({runs[f"mrz-{n}"] for n in range(3)}) == 1
    assert len(set(runs.values())) == 2  # both workers were busy all along


_SIGNAL_DURING_FORK: list[bool] = []  # armed by the test below: the next fork sends SIGTERM to the parent


def _terminate_while_forking() -> None:
    if _SIGNAL_DURING_FORK:
        _SIGNAL_DURING_FORK.clear()
        os.kill(os.getpid(), signal.SIGTERM)


os.register_at_fork(before=_terminate_while_forking)


def test_a_stop_signal_that_arrives_while_a_worker_is_forked_still_stops_the_run(tmp_path: Path) -> None:
    """Handled inside the fork's own hooks, the stop's exception was printed and dropped, and the run went on to
    its end; held back while the worker starts, it stops the run, and the new worker with it."""
    # Another thread alive, as in a host program: the kernel may hand the signal to it, and Python then runs the
    # handler in the main thread wherever it is (a signal mask on the main thread alone did not hold it back).
    done = threading.Event()
    bystander = threading.Thread(target=done.wait, daemon=True)
    bystander.start()
    _SIGNAL_DURING_FORK.append(True)
    try:
        with pytest.raises(Stopped) as stopped, _stopping_on_signals():
            run_tasks(_sleep_and_tell, [tmp_path] * 3, jobs=1, limits=Limits(timeout=60))
    finally:
        done.set()
    assert stopped.value.signum == signal.SIGTERM
    assert not any(_alive(int(path.name)) for path in tmp_path.iterdir())
