"""Running a protocol: its agenda with repeats, the session clock, what each step
records, and the documents a session leaves. Plain Python on framework objects: no
widgets, no store, so every rule here is tested without a kernel."""
