"""``/sitemap.xml``: Wagtail's sitemap, listing exactly the public pages (docs/visibility.md)."""

from wagtail.contrib.sitemaps import Sitemap

from rendicion.visibility import public_pages


class PublicPagesSitemap(Sitemap):
    def items(self):
        site_pages = self.get_wagtail_site().root_page.get_descendants(inclusive=True)
        return public_pages(site_pages).order_by("path").defer_streamfields().specific()


SITEMAPS = {"wagtail": PublicPagesSitemap}
