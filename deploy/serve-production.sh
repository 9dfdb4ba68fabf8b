#!/usr/bin/env bash
# `make serve-production`: the production settings served by gunicorn on this machine, on
# PostgreSQL and Redis, static files by WhiteNoise. For trying production locally, not for a
# real server (docs/deploy.md): every value below is a local one, set explicitly and printed,
# because the production settings refuse to start without them.
#
#   make serve-production                     # http://127.0.0.1:8000, database portal_serve
#   SERVE_DEMO=0 make serve-production        # without the demo site
#   make serve-production PORT=8001 SERVE_DATABASE_URL=postgres://postgres@127.0.0.1:5432/other
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PY:-.venv/bin/python}

export DJANGO_SETTINGS_MODULE=portal.settings.production
export DATABASE_URL="${SERVE_DATABASE_URL:-postgres://postgres@127.0.0.1:5432/portal_serve}"
export REDIS_URL="${SERVE_REDIS_URL:-redis://127.0.0.1:6379/4}"
export SECRET_KEY="${SERVE_SECRET_KEY:-local-serve-production-key-not-secret-do-not-deploy-0123456789}"
export ALLOWED_HOSTS="${SERVE_ALLOWED_HOSTS:-127.0.0.1,localhost}"
export GUNICORN_BIND="${HOST:-127.0.0.1}:${PORT:-8000}"
export WAGTAILADMIN_BASE_URL="http://${GUNICORN_BIND}"
export CSRF_TRUSTED_ORIGINS="http://${GUNICORN_BIND}"
# No TLS on this machine: no redirect to HTTPS and no HSTS. The session and CSRF cookies stay
# "Secure" (production settings), so signing in to the admin needs HTTPS in front.
export SECURE_SSL_REDIRECT=false
export SECURE_HSTS_SECONDS=0
export STATIC_ROOT="${STATIC_ROOT:-$PWD/static_collected}"
export MEDIA_ROOT="${MEDIA_ROOT:-$PWD/media-serve}"
export EMAIL_BACKEND=django.core.mail.backends.console.EmailBackend
export SERVE_DEMO="${SERVE_DEMO:-1}"
# The public record signs its tree heads with this key (docs/record.md); a real installation
# keeps its own as a secret. Here, without one, a key for this run only.
if [ -z "${RECORD_SIGNING_KEY:-}" ]; then
  RECORD_SIGNING_KEY="$("$PY" manage.py record_keygen)"
  export RECORD_SIGNING_KEY
  RECORD_KEY_NOTE="(a key for this run only)"
fi
export ALLOW_DEMO_DATA=$([ "$SERVE_DEMO" = 1 ] && echo true || echo false)

echo "Production settings, local values:"
for name in DJANGO_SETTINGS_MODULE DATABASE_URL DATABASE_REPLICA_URL REDIS_URL SECRET_KEY \
    ALLOWED_HOSTS CSRF_TRUSTED_ORIGINS SECURE_SSL_REDIRECT SECURE_HSTS_SECONDS STATIC_ROOT \
    MEDIA_ROOT AWS_STORAGE_BUCKET_NAME ALLOW_DEMO_DATA GUNICORN_BIND WEB_CONCURRENCY \
    GUNICORN_THREADS GUNICORN_WORKER_CLASS; do
  printf '  %-24s %s\n' "$name" "${!name:-(unset)}"
done
printf '  %-24s %s\n' RECORD_SIGNING_KEY "${RECORD_KEY_NOTE:-(set)}"

"$PY" deploy/create_database.py "$DATABASE_URL"
"$PY" manage.py migrate --noinput
"$PY" manage.py collectstatic --noinput -v 0
if [ "$SERVE_DEMO" = 1 ]; then
  "$PY" manage.py load_demo_data
fi
echo "Serving http://${GUNICORN_BIND}/ (Ctrl-C stops)"
exec "$PY" -m gunicorn -c deploy/gunicorn.conf.py portal.wsgi
