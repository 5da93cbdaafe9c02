"""Origins: the same site means the same scheme, host and port."""

from newscrawl.urls import origin_of


def test_origin_is_scheme_host_and_explicit_port():
    assert origin_of("https://www.kyivindependent.com/a/") == ("https", "kyivindependent.com", 443)
    assert origin_of("https://kyivindependent.com:443/b") == origin_of("https://KyivIndependent.com./")
    assert origin_of("http://127.0.0.1:8000/x/") == ("http", "127.0.0.1", 8000)


def test_another_port_or_scheme_is_another_origin():
    site = origin_of("http://127.0.0.1:8000")
    assert origin_of("http://127.0.0.1:8001/x/") != site
    assert origin_of("https://127.0.0.1:8000/x/") != site
    assert origin_of("http://127.0.0.1/x/") != site


def test_no_origin_without_a_host_or_with_a_bad_port():
    assert origin_of("/relative/") is None
    assert origin_of("mailto:news@kyivindependent.com") is None
    assert origin_of("http://127.0.0.1:99999/") is None
    assert origin_of("http://[oops/") is None
