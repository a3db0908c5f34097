# Shared helpers of the ./laas scripts (sourced).

log() { printf '\033[1;34m[laas]\033[0m %s\n' "$*" >&2; }
die() { printf '\033[1;31m[laas]\033[0m %s\n' "$*" >&2; exit 1; }

# Whether something listens on 127.0.0.1:$1.
port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# A free TCP port on the loopback interface, starting the search at $1.
free_port() {
  local port="$1"
  while port_in_use "$port"; do port=$((port + 1)); done
  echo "$port"
}

# Random URL-safe text of $1 bytes of entropy (no external tools beyond coreutils).
random_token() { head -c "$1" /dev/urandom | base64 | tr '+/' '-_' | tr -d '=\n'; }

# Installs what a fresh Debian machine lacks for the build: a JDK 17+, Maven, Node 20+.
ensure_build_tools() {
  local missing=()
  command -v java >/dev/null || missing+=(openjdk-17-jdk-headless)
  command -v mvn >/dev/null || missing+=(maven)
  command -v npm >/dev/null || missing+=(nodejs npm)
  if [ "${#missing[@]}" -gt 0 ]; then
    log "installing ${missing[*]} (apt)"
    apt_install "${missing[@]}"
  fi
}

apt_install() {
  local sudo=""
  [ "$(id -u)" = 0 ] || sudo="sudo"
  $sudo apt-get update -qq >/dev/null
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "$@" >/dev/null
}

# Waits until $1 answers HTTP 200 with "UP" in the body, at most $2 seconds.
await_health() {
  local url="$1" deadline=$((SECONDS + $2))
  until curl -fsS "$url" 2>/dev/null | grep -q '"UP"'; do
    [ "$SECONDS" -lt "$deadline" ] || return 1
    sleep 0.3
  done
}
