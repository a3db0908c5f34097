/**
 * Tenant isolation in the database, the second wall behind the {@code where ledger_id = ?} of every query:
 * {@link io.laas.command.isolation.LedgerScope} opens the transaction in which Postgres' row-level security lets
 * one ledger's rows through, and {@link io.laas.command.isolation.AppDataSource} serves requests with a role that
 * cannot bypass it (not superuser, not BYPASSRLS, owner of nothing).
 */
package io.laas.command.isolation;
