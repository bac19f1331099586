"""Who sent a request, as every limit in the portal counts it."""

from allauth.core.internal.ratelimit import get_ip


def client_ip(request) -> str:
    """The client's address exactly as allauth's own rate limits key it (sign-in, contact form,
    sign-ups): REMOTE_ADDR, or, behind ALLAUTH_TRUSTED_PROXY_COUNT proxies (settings
    TRUSTED_PROXY_COUNT), the address the outermost of them saw in X-Forwarded-For; a header
    sent by the client itself is never believed. An IPv6 address stands for its /64 network
    (ALLAUTH_RATE_LIMIT_IPV6_PREFIX), as one household or server is given a whole /64 and
    could otherwise walk through it to dodge a limit."""
    return get_ip(request)
