from django.shortcuts import render


def archive(request):
    return render(request, "subscriptions/archive.html")


def subscribe(request):
    return render(request, "subscriptions/subscribe.html")
