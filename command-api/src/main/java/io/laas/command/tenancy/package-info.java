/** Organizations, their users, projects and ledgers: who owns which ledger. */
package io.laas.command.tenancy;
