"""Moving a protocol app's runner to a step, as a coach would: Back and Next step."""

import re


def step_number(page):
    """The step the clock shows ('Step 3 of 9: …')."""
    title = page.locator(".otm-clock-title")
    title.wait_for(timeout=120_000)
    return int(re.match(r"Step (\d+) of", title.inner_text())[1])


def go_to_step(page, number):
    """Click Back or Next step until the clock shows step `number` (a saved session may
    open anywhere); each click waits for the kernel's answer."""
    for _ in range(40):
        here = step_number(page)
        if here == number:
            return
        page.locator(".otm-clock-next" if here < number else ".otm-clock-back").click()
        page.wait_for_function("([n]) => !document.querySelector('.otm-clock-title').innerText.startsWith(`Step ${n} `)", arg=[here], timeout=30_000)
    raise AssertionError(f"never reached step {number}")
