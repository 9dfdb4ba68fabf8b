vcl 4.1;
# Varnish in front of the portal (docs/caching.md). It keeps what the portal marks
# `Cache-Control: public`, never what a signed-in user sees, and empties on the portal's BAN
# (any public change, caching/frontend.py) or Wagtail's PURGE of a published page's URL.
# BACKEND_HOST and BACKEND_PORT are replaced when installed (the tests start it that way).


backend portal {
    .host = "BACKEND_HOST";
    .port = "BACKEND_PORT";
}

# Only the portal itself may purge.
acl purgers {
    "127.0.0.1";
    "::1";
}

sub vcl_recv {
    if (req.method == "PURGE" || req.method == "BAN") {
        if (!client.ip ~ purgers) {
            return (synth(405, "Not allowed"));
        }
        if (req.method == "BAN") {
            ban("obj.http.x-url ~ ^/");
            return (synth(200, "Banned"));
        }
        return (purge);
    }
    if (req.method != "GET" && req.method != "HEAD") {
        return (pass);
    }
    # A signed-in user (or one who typed a page's password) has a session: always the backend.
    if (req.http.Authorization || req.http.Cookie ~ "(^|;\s*)sessionid=") {
        return (pass);
    }
    if (req.url ~ "^/(admin|django-admin|documents|buscar|salud)(/|$)") {
        return (pass);
    }
    # Other cookies (the CSRF cookie, analytics) do not change an anonymous page.
    unset req.http.Cookie;
    return (hash);
}

sub vcl_backend_response {
    # Lets a ban match without keeping requests around (ban lurker friendly).
    set beresp.http.x-url = bereq.url;
    if (beresp.http.Set-Cookie || beresp.http.Cache-Control ~ "(private|no-store|no-cache)"
        || beresp.http.Cache-Control !~ "public") {
        set beresp.uncacheable = true;
        set beresp.ttl = 120s;
        return (deliver);
    }
    # The portal sends max-age=60 for browsers; Varnish keeps pages until the next change
    # bans them, with a day as a backstop.
    set beresp.ttl = 1d;
    set beresp.grace = 5m;
    return (deliver);
}

sub vcl_deliver {
    unset resp.http.x-url;
    if (obj.hits > 0) {
        set resp.http.X-Front-Cache = "HIT";
    } else {
        set resp.http.X-Front-Cache = "MISS";
    }
}
