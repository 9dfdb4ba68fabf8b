"""The portal behind its web server: the public media folders served from disk (exactly what
``public_media_urlpatterns`` serves in DEBUG and docs/private-media.md tells nginx to serve),
then every Django route."""

from portal.urls import public_media_urlpatterns
from portal.urls import urlpatterns as portal_urlpatterns

urlpatterns = [*public_media_urlpatterns(), *portal_urlpatterns]
