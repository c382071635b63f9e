"""The front page."""

from django.shortcuts import render

from . import selectors


def home(request):
    return render(request, "home/home.html", selectors.front_page(actor=request.user))
