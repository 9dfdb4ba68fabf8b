from wagtail import hooks


@hooks.register("before_serve_page")
def keep_restricted_pages_out_of_the_cache(page, request, serve_args, serve_kwargs):
    """A page with a view restriction (login, password, groups) on it or an ancestor is never
    stored, whoever got past the restriction."""
    if page.get_view_restrictions():
        request.page_cache_forbidden = True
