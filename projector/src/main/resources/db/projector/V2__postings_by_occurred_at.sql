-- Statements and as_of balances read an account's postings by effective time (command-api's report package).
create index postings_by_ledger_account_occurred_at on read_model.postings (ledger_id, account_code, occurred_at);
