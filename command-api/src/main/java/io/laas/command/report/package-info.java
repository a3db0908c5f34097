/**
 * The questions people ask their ledger, answered from the projector's read model ({@code read_model}): an
 * account's balance now or at any effective time, its statement over a period, and the trial balance, balance
 * sheet and income statement per currency with child accounts rolled up into their parents. JSON or CSV.
 *
 * <p>Reads only: nothing here writes. Each answer is computed from one snapshot of the read model (a read-only
 * repeatable-read transaction) and says which ledger sequence it includes ({@code as_of_sequence}).
 */
package io.laas.command.report;
