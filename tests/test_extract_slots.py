"""An article the user opens is extracted before the pages a prefetch queued (PrioritySlots)."""

from __future__ import annotations

import asyncio
import os
import time

from beritatui.extract.pool import ExtractorPool
from beritatui.extract.slots import Hurry, PrioritySlots


async def _holder(slots: PrioritySlots, name: str, order: list[str], *, urgent: bool) -> None:
    async with slots.hold(urgent=urgent):
        order.append(name)
        await asyncio.sleep(0.01)


async def test_urgent_waiters_go_first_and_each_kind_keeps_its_order() -> None:
    slots = PrioritySlots(1)
    order: list[str] = []
    tasks = [asyncio.create_task(_holder(slots, "first", order, urgent=False))]
    await asyncio.sleep(0)  # "first" holds the slot
    for name, urgent in (
        ("a", False),
        ("b", False),
        ("open1", True),
        ("c", False),
        ("open2", True),
    ):
        tasks.append(asyncio.create_task(_holder(slots, name, order, urgent=urgent)))
    await asyncio.wait_for(asyncio.gather(*tasks), 10)
    assert order == ["first", "open1", "open2", "a", "b", "c"]
    assert slots.free == 1


async def test_a_hurried_waiter_moves_before_the_others_and_stays_urgent() -> None:
    slots = PrioritySlots(1)
    order: list[str] = []
    hurry = Hurry()

    async def hurried() -> None:
        for page in ("page1", "page2"):  # an article's first page, then its further page
            async with slots.hold(urgent=hurry):
                order.append(page)
                await asyncio.sleep(0.01)

    tasks = [asyncio.create_task(_holder(slots, "first", order, urgent=False))]
    await asyncio.sleep(0)
    tasks.append(asyncio.create_task(_holder(slots, "a", order, urgent=False)))
    tasks.append(asyncio.create_task(hurried()))
    tasks.append(asyncio.create_task(_holder(slots, "open", order, urgent=True)))
    tasks.append(asyncio.create_task(_holder(slots, "b", order, urgent=False)))
    await asyncio.sleep(0)  # all queued behind "first"
    hurry.now()
    await asyncio.wait_for(asyncio.gather(*tasks), 10)
    # page1's slot goes to "a", already waiting; page2 then asks as urgent, before "b"
    assert order == ["first", "open", "page1", "a", "page2", "b"]
    assert slots.free == 1


async def test_a_cancelled_waiter_loses_no_slot() -> None:
    slots = PrioritySlots(1)
    order: list[str] = []
    held = asyncio.create_task(_holder(slots, "first", order, urgent=False))
    await asyncio.sleep(0)
    gone = asyncio.create_task(_holder(slots, "gone", order, urgent=True))
    late = asyncio.create_task(_holder(slots, "late", order, urgent=False))
    await asyncio.sleep(0)
    gone.cancel()
    await asyncio.wait_for(asyncio.gather(held, late, gone, return_exceptions=True), 10)
    assert order == ["first", "late"]
    assert slots.free == 1


async def test_a_waiter_cancelled_as_it_was_handed_the_slot_passes_it_on() -> None:
    slots = PrioritySlots(1)
    order: list[str] = []
    async with slots.hold():
        handed = asyncio.create_task(_holder(slots, "handed", order, urgent=False))
        after = asyncio.create_task(_holder(slots, "after", order, urgent=False))
        await asyncio.sleep(0)
    handed.cancel()  # the slot was just handed over, the task has not run since
    await asyncio.wait_for(asyncio.gather(handed, after, return_exceptions=True), 10)
    assert order == ["after"]
    assert slots.free == 1


async def test_the_pool_runs_an_urgent_call_before_the_queued_ones() -> None:
    pool = ExtractorPool(workers=1, timeout=60)
    try:
        await pool.call(os.getpid)  # the worker is up
        done: list[str] = []

        async def job(name: str, *, urgent: bool) -> None:
            await pool.call(time.sleep, 0.2, urgent=urgent)
            done.append(name)

        queued = [asyncio.create_task(job(f"page {n}", urgent=False)) for n in range(4)]
        await asyncio.sleep(0.05)  # page 0 runs, pages 1-3 wait for the worker
        opened = asyncio.create_task(job("opened", urgent=True))
        await asyncio.gather(*queued, opened)
        assert done[:2] == ["page 0", "opened"]
    finally:
        pool.shutdown()
