from wagtail.snippets.models import register_snippet

from rendicion.viewsets import AccountabilityViewSetGroup

register_snippet(AccountabilityViewSetGroup)
