"""Flat combining: concurrent requests on one key are served in batches by one of them.

Bids on one auction are serialised by its lock, and each transaction ends with
a durable commit. Rather than queueing threads on the lock one commit each,
the first caller becomes the combiner: it takes every request waiting for
that auction, runs them one after another in one transaction, commits once,
and hands each caller its own result. Each bid is still judged on its own,
in arrival order, with the clock read after the lock; only the commit is
shared. When its own request is done, the combiner hands the lead to the
next waiting caller, so no caller serves others for long.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Hashable
from typing import Generic, TypeVar

R = TypeVar("R")
T = TypeVar("T")

MAX_BATCH = 64


class _Slot(Generic[R, T]):
    __slots__ = ("done", "item", "lead", "ready", "result")

    def __init__(self, item: R) -> None:
        self.item = item
        self.ready = threading.Event()
        self.lead = False
        self.done = False
        self.result: T | BaseException | None = None


class _Queue(Generic[R, T]):
    __slots__ = ("busy", "slots")

    def __init__(self) -> None:
        self.slots: list[_Slot[R, T]] = []
        self.busy = False


class Combiner(Generic[R, T]):
    def __init__(self, max_batch: int = MAX_BATCH) -> None:
        self._mutex = threading.Lock()
        self._queues: dict[Hashable, _Queue[R, T]] = {}
        self._max = max_batch

    def submit(
        self, key: Hashable, item: R, run: Callable[[list[R]], list[T | BaseException]]
    ) -> T:
        """``item``'s result; ``run`` turns a batch into one outcome per item, in order.

        An outcome that is an exception is raised in that item's caller only; an
        exception escaping ``run`` fails the whole batch (nothing of it was committed).
        """
        slot: _Slot[R, T] = _Slot(item)
        with self._mutex:
            queue = self._queues.get(key)
            if queue is None:
                queue = self._queues[key] = _Queue()
            queue.slots.append(slot)
            slot.lead = not queue.busy
            queue.busy = True
        if not slot.lead:
            slot.ready.wait()
        if not slot.done:
            self._combine(key, queue, slot, run)
        result = slot.result
        if isinstance(result, BaseException):
            raise result
        return result  # type: ignore[return-value]

    def _combine(
        self,
        key: Hashable,
        queue: _Queue[R, T],
        own: _Slot[R, T],
        run: Callable[[list[R]], list[T | BaseException]],
    ) -> None:
        while not own.done:
            with self._mutex:
                batch = queue.slots[: self._max]
                del queue.slots[: self._max]
            try:
                outcomes = run([slot.item for slot in batch])
            except BaseException as error:  # the batch's transaction failed as a whole
                outcomes = [error] * len(batch)
            for slot, outcome in zip(batch, outcomes, strict=True):
                slot.result = outcome
                slot.done = True
                if slot is not own:
                    slot.ready.set()
        with self._mutex:
            if queue.slots:  # hand the lead to the next caller in line
                successor = queue.slots[0]
                successor.lead = True
                successor.ready.set()
            else:
                queue.busy = False
                del self._queues[key]
