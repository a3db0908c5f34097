/** Accounts of a ledger over the public API: open, rename/annotate, read (from the projected read model). */
package io.laas.command.account;
