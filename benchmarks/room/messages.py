"""Kernel messages as the Voilà front end sends them over the default JSON websocket protocol."""

import uuid
from datetime import datetime, timezone

WIDGET_TARGET = "jupyter.widget"
CONTROL_TARGET = "jupyter.widget.control"
CONTROL_VERSION = "1.0.0"  # ipywidgets 8 refuses a control comm opened without it
WIDGET_VERSION = "2.1.0"  # the widget message protocol the front end announces on comm messages


def message(msg_type, content, session, metadata=None, channel="shell"):
    """One Jupyter message (protocol 5.3) with a fresh msg_id, ready to send as JSON."""
    header = {"msg_id": uuid.uuid4().hex, "msg_type": msg_type, "session": session, "username": "bench",
              "date": datetime.now(timezone.utc).isoformat(), "version": "5.3"}
    return {"header": header, "parent_header": {}, "metadata": metadata or {}, "content": content, "buffers": [], "channel": channel}


def comm_info_request(session, target=WIDGET_TARGET):
    """Ask which widget comms the kernel holds: the widget manager's first question."""
    return message("comm_info_request", {"target_name": target}, session)


def comm_open(session, comm_id, target=CONTROL_TARGET):
    """Open a comm; the widget manager opens the control comm to fetch every state at once."""
    return message("comm_open", {"comm_id": comm_id, "target_name": target, "data": {}}, session, {"version": CONTROL_VERSION})


def comm_msg(session, comm_id, data):
    """A message on an open comm, e.g. {"method": "request_states"} or a widget update."""
    return message("comm_msg", {"comm_id": comm_id, "data": data}, session, {"version": WIDGET_VERSION})


def custom(session, comm_id, content):
    """A widget's custom message, as `model.send(content)` sends it (the clock's buttons)."""
    return comm_msg(session, comm_id, {"method": "custom", "content": content})


def update(session, comm_id, state):
    """A front-end change of synced traits (a slider moved, a dropdown chosen)."""
    return comm_msg(session, comm_id, {"method": "update", "state": state, "buffer_paths": []})


def parent_id(reply):
    """The msg_id a kernel message answers ('' for messages that answer none)."""
    return (reply.get("parent_header") or {}).get("msg_id", "")
