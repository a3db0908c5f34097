-- Statements and as_of balances read an account's postings by effective time (command-api's report package).
-- No schema name: Flyway's search_path puts it in the schema being migrated (read_model, or a replay's schema).
create index postings_by_ledger_account_occurred_at on postings (ledger_id, account_code, occurred_at);
