#!/usr/bin/env bash
# A local PostgreSQL 15 streaming replica of the primary cluster, for trying
# DATABASE_REPLICA_URL on one machine (docs/deploy.md, "Growing past one machine").
#
#   deploy/replica/setup_local_replica.sh up       # create (or start) it; idempotent
#   deploy/replica/setup_local_replica.sh status   # what exists, and the replication lag
#   deploy/replica/setup_local_replica.sh down     # remove everything "up" added
#
# Then: DATABASE_REPLICA_URL=postgres://postgres@127.0.0.1:5433/<database>.
#
# What "up" changes, all undone by "down":
#   * on the primary (15/main, port 5432), never restarted: one pg_hba.conf line,
#       host replication postgres 127.0.0.1/32 trust   # rendicion-local-replica
#     followed by a configuration *reload*, and a physical replication slot
#     "rendicion_local_replica" (the primary keeps the WAL the replica has not received);
#   * a new cluster 15/replica on port 5433 (pg_createcluster), its data directory replaced by
#     a pg_basebackup of the primary with standby.signal and primary_conninfo (-R), and the
#     primary's pg_hba.conf as its own.
# It needs wal_level replica (or logical) and max_wal_senders > 0 on the primary, which need a
# restart to change: if they are missing it stops and says so, and changes nothing.
# Run as root (pg_createcluster) on a Debian-style PostgreSQL installation.
set -euo pipefail

VERSION=${PG_VERSION:-15}
PRIMARY=${PRIMARY_CLUSTER:-main}
PRIMARY_PORT=${PRIMARY_PORT:-5432}
CLUSTER=${REPLICA_CLUSTER:-replica}
PORT=${REPLICA_PORT:-5433}
SLOT=rendicion_local_replica
MARK="# rendicion-local-replica"
HBA_LINE="host replication postgres 127.0.0.1/32 trust $MARK"

as_postgres() { runuser -u postgres -- "$@"; }
primary_sql() { psql -h 127.0.0.1 -p "$PRIMARY_PORT" -U postgres -d postgres -Atqc "$1"; }
hba_file() { primary_sql "SHOW hba_file"; }
cluster_exists() { pg_lsclusters -h | awk -v v="$VERSION" -v c="$CLUSTER" '$1==v && $2==c' | grep -q .; }
data_dir() { echo "/var/lib/postgresql/$VERSION/$CLUSTER"; }

check_primary() {
  local level senders
  level=$(primary_sql "SHOW wal_level")
  senders=$(primary_sql "SHOW max_wal_senders")
  if [[ "$level" != replica && "$level" != logical ]] || (( senders < 1 )); then
    echo "The primary has wal_level=$level and max_wal_senders=$senders: streaming needs" >&2
    echo "wal_level=replica and max_wal_senders>=1, which take a restart of the primary." >&2
    echo "Nothing was changed." >&2
    exit 1
  fi
  echo "primary: wal_level=$level max_wal_senders=$senders (no restart needed)"
}

up() {
  check_primary
  local hba
  hba=$(hba_file)
  if ! grep -qF "$MARK" "$hba"; then
    echo "$HBA_LINE" >> "$hba"
    primary_sql "SELECT pg_reload_conf()" >/dev/null
    echo "primary: replication line added to $hba, configuration reloaded"
  fi
  if [[ -z $(primary_sql "SELECT 1 FROM pg_replication_slots WHERE slot_name = '$SLOT'") ]]; then
    primary_sql "SELECT pg_create_physical_replication_slot('$SLOT')" >/dev/null
    echo "primary: replication slot $SLOT created"
  fi
  if ! cluster_exists; then
    pg_createcluster "$VERSION" "$CLUSTER" -p "$PORT" >/dev/null
    echo "replica: cluster $VERSION/$CLUSTER created on port $PORT"
  fi
  if [[ ! -f "$(data_dir)/standby.signal" ]]; then
    # The fresh cluster's own files (or an interrupted earlier try) give way to a copy of the
    # primary; the directory itself stays, owned by postgres.
    pg_ctlcluster --skip-systemctl-redirect "$VERSION" "$CLUSTER" stop 2>/dev/null || true
    install -d -o postgres -g postgres -m 700 "$(data_dir)"
    find "$(data_dir)" -mindepth 1 -delete
    as_postgres pg_basebackup -h 127.0.0.1 -p "$PRIMARY_PORT" -U postgres -D "$(data_dir)" \
      -R -X stream -S "$SLOT" --checkpoint=fast
    echo "replica: data directory is a base backup of the primary, streaming from it"
  fi
  # The same client authentication as the primary (here: trust on the loopback address).
  if ! cmp -s "$(hba_file)" "/etc/postgresql/$VERSION/$CLUSTER/pg_hba.conf"; then
    install -o postgres -g postgres -m 640 "$(hba_file)" "/etc/postgresql/$VERSION/$CLUSTER/pg_hba.conf"
    pg_ctlcluster --skip-systemctl-redirect "$VERSION" "$CLUSTER" reload 2>/dev/null || true
  fi
  pg_ctlcluster --skip-systemctl-redirect "$VERSION" "$CLUSTER" start 2>/dev/null || true
  for _ in $(seq 1 30); do pg_isready -q -h 127.0.0.1 -p "$PORT" && break; sleep 1; done
  status
}

status() {
  pg_lsclusters
  if cluster_exists && pg_isready -q -h 127.0.0.1 -p "$PORT"; then
    echo "replica in recovery: $(psql -h 127.0.0.1 -p "$PORT" -U postgres -Atqc 'SELECT pg_is_in_recovery()')"
    primary_sql "SELECT 'streaming to ' || application_name || ': ' || state || ', replay lag ' ||
      coalesce(replay_lag::text, '0') FROM pg_stat_replication"
  fi
}

down() {
  if cluster_exists; then
    pg_dropcluster --stop "$VERSION" "$CLUSTER"
    echo "replica: cluster $VERSION/$CLUSTER removed"
  fi
  if [[ -n $(primary_sql "SELECT 1 FROM pg_replication_slots WHERE slot_name = '$SLOT'") ]]; then
    primary_sql "SELECT pg_drop_replication_slot('$SLOT')" >/dev/null
    echo "primary: replication slot $SLOT dropped"
  fi
  local hba
  hba=$(hba_file)
  if grep -qF "$MARK" "$hba"; then
    sed -i "/$MARK/d" "$hba"
    primary_sql "SELECT pg_reload_conf()" >/dev/null
    echo "primary: replication line removed from $hba, configuration reloaded"
  fi
}

case "${1:-}" in
  up) up ;;
  down) down ;;
  status) status ;;
  *) sed -n '2,9p' "$0"; exit 2 ;;
esac
