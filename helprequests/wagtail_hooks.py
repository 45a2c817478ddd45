from wagtail import hooks
from wagtail.admin.viewsets.model import ModelViewSet

from .models import SensitiveTerm


class SensitiveTermViewSet(ModelViewSet):
    """The words and patterns marked when moderating help requests
    (/hulpvragen/moderatie/); moderators keep the list."""

    model = SensitiveTerm
    icon = "warning"
    menu_label = "Gevoelige woorden"
    add_to_admin_menu = True
    menu_order = 270
    list_display = ["term", "kind", "reason", "active"]
    list_filter = ["kind", "reason", "active"]
    search_fields = ["term", "reason"]
    form_fields = ["term", "kind", "reason", "active"]
    inspect_view_enabled = False


@hooks.register("register_admin_viewset")
def register_sensitive_terms_viewset():
    return SensitiveTermViewSet("sensitive_terms")
