/**
 * Runs ledger commands: per ledger, commands queue in a lane and are executed in small batches, each batch one
 * database transaction that locks the ledger row, decides every command against the state it loaded plus the
 * changes of the commands before it, and appends the events, the write-side state and the idempotency records
 * together (group commit: one fsync for many requests, and a hot account is no hotter than its ledger).
 */
package io.laas.command.posting;
