"""The "Klopt dit nog?" link from the mail (docs/freshness.md). Works without
logging in: the signed link is the permission, and it can only confirm. GET
shows a button, so a mail scanner that opens links confirms nothing."""

from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from core.ratelimit import limit_posts

from . import freshness


@require_http_methods(["GET", "HEAD", "POST"])
@limit_posts("listing_confirm", anonymous=True)
def listing_confirm(request, token: str):
    try:
        page = freshness.listing_for_token(token)
    except freshness.LinkExpired:
        return render(request, "initiatives/listing_confirm.html", {"expired": True}, status=410)
    except freshness.LinkInvalid:
        return render(request, "initiatives/listing_confirm.html", {"invalid": True}, status=404)
    if request.method == "POST":
        freshness.listing_confirm(page=page)
        return redirect("initiatives:listing_confirmed")
    return render(request, "initiatives/listing_confirm.html", {"page": page})


def listing_confirmed(request):
    return render(request, "initiatives/listing_confirmed.html")
