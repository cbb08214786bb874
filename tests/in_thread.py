"""Coroutines for tests, run where a browser test's event loop cannot get in the way."""

import asyncio
from concurrent.futures import ThreadPoolExecutor


def run(coroutine):
    """asyncio.run in a thread of its own: the browser tests' Playwright keeps a loop running in the test thread."""
    with ThreadPoolExecutor(1) as thread:
        return thread.submit(asyncio.run, coroutine).result()
