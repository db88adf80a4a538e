"""fork_map: workers inherit the shared data; the serial fallback gives the same results."""

import os
import threading

from l10n_tool.parallel import can_fork, fork_map


def _task(shared, item):
    return shared["base"] + item, os.getpid()


def test_workers_inherit_the_shared_data_and_items_keep_their_order():
    assert can_fork(), "another thread runs: an earlier test left it (see conftest.py)"
    shared = {"base": 100}
    results = list(fork_map(_task, list(range(20)), shared, jobs=2, early=[1000, 2000]))
    values = [value for value, _ in results]
    assert [v for v in values if v < 1000] == [100 + i for i in range(20)]  # items in order
    assert [v for v in values if v >= 1000] == [1100, 2100]  # early ones, in order, when ready
    assert os.getpid() not in {pid for _, pid in results}


def test_serial_when_not_worth_it_or_a_thread_runs():
    shared = {"base": 1}
    assert {pid for _, pid in fork_map(_task, [1, 2], shared, jobs=2, parallel=False)} == {os.getpid()}
    stop = threading.Event()
    thread = threading.Thread(target=stop.wait)
    thread.start()
    try:
        assert not can_fork()
        results = list(fork_map(_task, [1, 2, 3], shared, jobs=2, early=[10]))
    finally:
        stop.set()
        thread.join()
    assert results == [(2, os.getpid()), (3, os.getpid()), (4, os.getpid()), (11, os.getpid())]
