from django.shortcuts import render


def too_many_requests(request, exception=None):
    """The 429 answer of allauth's rate limits (sign-in, password reset, two-factor codes)."""
    return render(request, "account/429.html", status=429)
