"""Who may open the apps: the token rules of `serve.security`, without a server."""

import pytest

from onthemove_widgets.serve import security


@pytest.mark.parametrize("ip", ["127.0.0.1", "127.1.2.3", "::1", "[::1]", "localhost", " LOCALHOST "])
def test_loopback_addresses_stay_on_this_computer(ip):
    assert security.is_loopback(ip)


@pytest.mark.parametrize("ip", ["0.0.0.0", "::", "", "192.168.1.20", "10.0.0.5", "fe80::1", "myschool-laptop", "127.0.0.1.example.org"])
def test_every_other_address_reaches_the_network(ip):
    assert not security.is_loopback(ip)


def test_beyond_loopback_a_fresh_random_token_is_made():
    first, second = security.choose_token("0.0.0.0"), security.choose_token("0.0.0.0")
    assert len(first) >= 24 and first != second


def test_loopback_asks_no_token_unless_given_one():
    assert security.choose_token("127.0.0.1") is None
    assert security.choose_token("127.0.0.1", token="room-7") == "room-7"


def test_no_token_opts_out_and_cannot_be_combined_with_a_token():
    assert security.choose_token("0.0.0.0", no_token=True) is None
    with pytest.raises(ValueError, match="not both"):
        security.choose_token("0.0.0.0", token="x", no_token=True)


def test_the_token_travels_in_the_environment_not_the_command_line():
    env = security.token_environment({"PATH": "/bin", "JUPYTER_TOKEN": "old"}, "s3cret")
    assert env == {"PATH": "/bin", "JUPYTER_TOKEN": "s3cret"}
    assert not any("s3cret" in argument for argument in security.token_arguments("s3cret"))
    assert security.token_arguments("s3cret") == ["--Voila.auto_token=True"]


def test_no_token_means_no_inherited_token_and_no_voila_argument():
    assert security.token_environment({"JUPYTER_TOKEN": "old"}, None) == {}
    assert security.token_arguments(None) == []


def test_links_carry_the_token_for_the_landing_page_and_an_app():
    lines = security.share_lines(["192.168.1.20", "laptop"], 8866, "a/b+c")
    text = "\n".join(lines)
    assert "    http://192.168.1.20:8866/?token=a%2Fb%2Bc" in lines
    assert "    http://laptop:8866/?token=a%2Fb%2Bc" in lines
    assert "http://192.168.1.20:8866/voila/render/protocols/examining_data.ipynb?school=S0001&token=a%2Fb%2Bc" in text
    assert "share it only with the room" in text


def test_without_a_token_the_links_are_plain():
    lines = security.share_lines(["127.0.0.1"], 8866, None)
    assert "    http://127.0.0.1:8866/" in lines
    assert "token" not in "\n".join(lines)


def test_the_open_warning_names_the_address_and_the_risk():
    text = "\n".join(security.open_warning("0.0.0.0"))
    assert "0.0.0.0" in text and "NO token" in text and "students" in text


def test_a_named_address_is_offered_as_it_is():
    assert security.reachable_addresses("192.168.1.20") == ["192.168.1.20"]
    assert security.reachable_addresses("fe80::1") == ["[fe80::1]"]
