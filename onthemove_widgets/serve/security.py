"""Who may open the apps: a token whenever the server listens beyond this computer.

On 127.0.0.1 only this computer can connect, so no token is asked (as before). On any
other address everyone on the network could open the apps and read a school's students,
so a token is required unless the person serving says otherwise, out loud.

The token reaches Voilà through the `JUPYTER_TOKEN` environment variable, not the command
line, so other accounts on the machine cannot read it from the process list.
"""

import ipaddress
import secrets
import socket
from urllib.parse import quote

TOKEN_ENV = "JUPYTER_TOKEN"
EXAMPLE_APP = "protocols/examining_data.ipynb"


def is_loopback(ip):
    """True when `ip` (an address or `localhost`) only accepts connections from this computer.

    `0.0.0.0`, `::`, an empty address and any other host name listen beyond it.
    """
    if ip.strip().lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(ip.strip().strip("[]")).is_loopback
    except ValueError:
        return False


def choose_token(ip, token=None, no_token=False):
    """The token the server will ask for, or None when it asks for none.

    An explicit `token` wins; `no_token` turns it off; otherwise a new random token is
    made for any address that is not loopback.
    """
    if token and no_token:
        raise ValueError("Give either a token or --no-token, not both.")
    if token:
        return token
    if no_token or is_loopback(ip):
        return None
    return secrets.token_urlsafe(24)


def token_arguments(token):
    """The Voilà arguments for `token`: `auto_token` makes Voilà's identity provider read
    `JUPYTER_TOKEN`; without it Voilà serves with no token at all."""
    return ["--Voila.auto_token=True"] if token else []


def token_environment(env, token):
    """`env` with the token Voilà will ask for (and no inherited one when there is none)."""
    env = dict(env)
    env.pop(TOKEN_ENV, None)
    if token:
        env[TOKEN_ENV] = token
    return env


def with_token(url, token):
    """`url` with `token=` added to its query string (unchanged when there is no token)."""
    if not token:
        return url
    return f"{url}{'&' if '?' in url else '?'}token={quote(token, safe='')}"


def share_lines(addresses, port, token):
    """What the person serving reads before the room arrives: the links to hand out."""
    bases = [f"http://{address}:{port}" for address in addresses]
    lines = ["", "=" * 72]
    if token:
        lines += ["Participants need the token. Give them this link to the landing page:"]
        lines += [f"    {with_token(base + '/', token)}" for base in bases]
        lines += ["To hand out one app, add the token to its address, for example:",
                  f"    {with_token(bases[0] + '/voila/render/' + EXAMPLE_APP + '?school=S0001', token)}",
                  "Anyone with the token can open every app and see students' data: share it only with the room."]
    else:
        lines += ["Open the landing page at:"] + [f"    {base}/" for base in bases]
    return lines + ["=" * 72, ""]


def open_warning(ip):
    """The warning printed when the server listens beyond this computer with no token."""
    return ["", "!" * 72,
            f"WARNING: serving on {ip} with NO token (--no-token).",
            "Anyone who can reach this computer on the network can open every app,",
            "see students' names and scores, and change the team's saved work.",
            "Stop now (Ctrl+C) unless this network is only the room you trust.",
            "!" * 72, ""]


def reachable_addresses(ip):
    """The addresses participants type: `ip` itself, or for 0.0.0.0 / :: this computer's
    network address and name (found without sending anything)."""
    if ip not in ("", "0.0.0.0", "::"):
        return [f"[{ip}]" if ":" in ip else ip]
    found = []
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
        try:
            probe.connect(("10.255.255.255", 1))  # UDP connect picks a route; no packet is sent
            found.append(probe.getsockname()[0])
        except OSError:
            pass
    return [*found, socket.gethostname()]
