"""The pages a Dutch public service must have: contact, colofon and the
accessibility statement. The privacy statement is in volunteers (it also
describes what own data holds)."""

from django.conf import settings
from django.shortcuts import render

from core.site_url import base_url

from .models import organisation_for


def contact(request):
    return render(request, "organisation/contact.html", {"org": organisation_for(request)})


def colofon(request):
    return render(
        request,
        "organisation/colofon.html",
        {
            "org": organisation_for(request),
            # Only the address lookup that is switched on is a source of the site.
            "uses_pdok": "pdok" in settings.GEOCODERS,
        },
    )


def accessibility(request):
    return render(
        request,
        "organisation/accessibility.html",
        # The statement names the website it covers by its public address.
        {"org": organisation_for(request), "site_url": base_url()},
    )
