"""perf.paused_gc: what a large catalog's read and merge, or a cache's load, leave to the garbage collector."""

import gc

from l10n_tool.po import read_po
from l10n_tool.perf import paused_gc


def _young_ids() -> set[int]:
    return {id(o) for generation in (0, 1) for o in gc.get_objects(generation=generation)}


def test_objects_built_while_paused_are_not_rescanned_as_young():
    with paused_gc():
        made = [[index] for index in range(5000)]
    oldest = {id(o) for o in gc.get_objects(generation=2)}
    assert all(id(item) in oldest for item in made)
    assert not any(id(item) in _young_ids() for item in made)
    assert gc.isenabled()


def test_a_read_catalog_lies_in_the_oldest_generation(tmp_path):
    path = tmp_path / "nl.po"
    path.write_text("".join(f'#: a.md:{i}\nmsgid "m{i}"\nmsgstr "v{i}"\n\n' for i in range(300)),
                    encoding="utf-8")
    catalog = read_po(path)
    young = _young_ids()
    assert len(catalog.messages) == 300
    assert not any(id(message) in young for message in catalog.messages)


def test_the_collector_stays_as_the_caller_left_it():
    gc.disable()
    try:
        with paused_gc():
            pass
        assert not gc.isenabled()
    finally:
        gc.enable()
    gc.freeze()
    try:
        frozen = gc.get_freeze_count()
        with paused_gc():
            [[] for _ in range(100)]
        assert gc.get_freeze_count() == frozen  # the caller's frozen objects stay frozen
        assert gc.isenabled()
    finally:
        gc.unfreeze()


def test_what_was_paused_is_still_collected():
    import weakref

    class Node:
        pass

    with paused_gc():
        a, b = Node(), Node()
        a.other, b.other = b, a  # a cycle: only the collector frees it
        watch = weakref.ref(a)
    del a, b
    gc.collect()
    assert watch() is None


def test_a_loaded_cache_lies_in_the_oldest_generation(tmp_path):
    from l10n_tool.cache import load_pickle, save_pickle

    path = tmp_path / "state.pickle"
    assert save_pickle(path, "key", [[index] for index in range(2000)]) is None
    loaded = load_pickle(path, "key")
    young = _young_ids()
    assert len(loaded) == 2000 and not any(id(item) in young for item in loaded)
