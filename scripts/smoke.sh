#!/usr/bin/env bash
# The README's walkthrough against a running stack: post the example transaction, read the projected balances.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
set -a; source "$1"; set +a

key="smoke-$(random_token 6)"
answer=$(curl -fsS -X POST "$LAAS_URL/v1/transactions" \
  -H "Authorization: Bearer $LAAS_API_KEY" -H 'Content-Type: application/json' \
  -d '{"idempotency_key": "'"$key"'", "description": "Sale #42",
       "postings": [{"account_code": "cash", "direction": "debit", "amount": "100.00"},
                    {"account_code": "revenue", "direction": "credit", "amount": "100.00"}]}')
sequence=$(printf '%s' "$answer" | sed -n 's/.*"sequence":\([0-9]*\).*/\1/p')
[ -n "$sequence" ] || die "smoke: no sequence in $answer"
cash=$(curl -fsS "$LAAS_URL/v1/accounts/cash?min_sequence=$sequence" -H "Authorization: Bearer $LAAS_API_KEY")
printf '%s' "$cash" | grep -q '"balance":{"posted":"' || die "smoke: unexpected account answer $cash"
status=$(curl -s -o /dev/null -w '%{http_code}' -X POST "$LAAS_URL/v1/transactions" \
  -H "Authorization: Bearer $LAAS_API_KEY" -H 'Content-Type: application/json' \
  -d '{"postings": [{"account_code": "cash", "direction": "debit", "amount": "1.00"},
                    {"account_code": "revenue", "direction": "credit", "amount": "2.00"}]}')
[ "$status" = 422 ] || die "smoke: an unbalanced transaction answered $status, expected 422"
log "smoke: posted sequence $sequence and read it back projected: ok"
