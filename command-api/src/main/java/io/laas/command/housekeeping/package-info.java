/** Time-driven ledger work: expiring pending transactions, and dropping idempotency records past retention. */
package io.laas.command.housekeeping;
