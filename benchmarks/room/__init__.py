"""The pieces of `bench_room.py`: a protocol-level stand-in for a browser opening a Voilà app.

Each module does one thing: `page` reads a rendered page, `messages` builds kernel
messages, `channel` talks to a kernel's websocket, `visit` plays one participant,
`server` starts and watches `onthemove serve`, `stats` summarises the timings.
"""
