#!/usr/bin/env bash
# Installs the outside programs the test suites drive, when they are missing:
#   - chromium: the browser tests (playwright-core launches Debian's chromium)
#   - dovecot-imapd: the IMAP polling tests start their own dovecot
# Needs root on Debian/Ubuntu; elsewhere it only says what is missing.
set -euo pipefail

missing=()
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
[ -x /usr/sbin/dovecot ] || missing+=(dovecot-imapd)

if [ "${#missing[@]}" -eq 0 ]; then
  echo "install-test-tools: chromium and dovecot are present"
  exit 0
fi
if [ "$(id -u)" -ne 0 ] || ! command -v apt-get >/dev/null 2>&1; then
  echo "install-test-tools: missing ${missing[*]}; install them (as root: apt-get install ${missing[*]})" >&2
  exit 1
fi
echo "install-test-tools: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
# Services are not started by the package (the tests start their own dovecot).
apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
