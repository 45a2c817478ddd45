"""Wagtail's read-only API v2 for pages, images and documents, at /api/v2/
(docs/open-data.md, docs/api.md). Only live, public pages are served."""

from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.utils import BadRequestError
from wagtail.api.v2.views import PagesAPIViewSet

# PostgreSQL's OFFSET is a bigint; past it the query fails instead of coming
# back empty. No site has this many pages, so anything larger is refused.
MAX_OFFSET = 2**31 - 1
# Wagtail's search nests one query node per word: some 150 words overflowed
# Python's recursion limit (a 500). Real searches are a few words; the length
# is the same as /api/search/'s ``q``.
MAX_SEARCH_WORDS = 20
MAX_SEARCH_LENGTH = 200


class PublicPagesAPIViewSet(PagesAPIViewSet):
    """Wagtail's pages endpoint, with a 400 instead of a server error for
    inputs the database refuses: NUL characters (PostgreSQL text cannot hold
    them; `?search=%00` failed), an offset past a bigint, a find by an id
    that is no number, and a search with too many words or characters."""

    def initial(self, request, *args, **kwargs):
        # Before every action: the listing, a page and find (?html_path=%00).
        for key, values in request.GET.lists():
            if "\x00" in key or any("\x00" in value for value in values):
                raise BadRequestError(f"query parameter '{key}' contains a NUL character")
        super().initial(request, *args, **kwargs)

    def find_object(self, queryset, request):
        # Wagtail looks ?id= up as it comes: ?id=null was a server error.
        page_id = request.GET.get("id")
        if page_id is not None and not (page_id.isascii() and page_id.isdigit()):
            raise BadRequestError("id must be a positive integer")
        return super().find_object(queryset, request)

    def check_query_parameters(self, queryset):
        offset = self.request.GET.get("offset", "")
        if offset.isascii() and offset.isdigit() and int(offset) > MAX_OFFSET:
            raise BadRequestError(f"offset cannot be higher than {MAX_OFFSET}")
        search = self.request.GET.get("search", "")
        if len(search.split()) > MAX_SEARCH_WORDS:
            raise BadRequestError(f"search can have at most {MAX_SEARCH_WORDS} words")
        if len(search) > MAX_SEARCH_LENGTH:
            raise BadRequestError(f"search can be at most {MAX_SEARCH_LENGTH} characters long")
        super().check_query_parameters(queryset)


api_router = WagtailAPIRouter("wagtailapi")
api_router.register_endpoint("pages", PublicPagesAPIViewSet)
