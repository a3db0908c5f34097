package io.laas.command.posting.internal;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.UUID;

import io.laas.command.ledger.AccountCode;
import io.laas.command.ledger.LedgerCommand;
import io.laas.command.ledger.LedgerCommand.AtomicBatch;
import io.laas.command.ledger.LedgerCommand.CreateAccount;
import io.laas.command.ledger.LedgerCommand.PostPending;
import io.laas.command.ledger.LedgerCommand.PostTransaction;
import io.laas.command.ledger.LedgerCommand.PostingLine;
import io.laas.command.ledger.LedgerCommand.ReverseTransaction;
import io.laas.command.ledger.LedgerCommand.UpdateAccount;
import io.laas.command.ledger.LedgerCommand.VoidPending;

/** The accounts and transactions a batch of commands may read, so that one query each loads them all. */
final class References {

	final Set<AccountCode> accounts = new LinkedHashSet<>();

	final Set<UUID> transactions = new LinkedHashSet<>();

	static References of(Collection<LedgerCommand> commands) {
		References references = new References();
		commands.forEach(references::add);
		return references;
	}

	private void add(LedgerCommand command) {
		if (command instanceof CreateAccount c) {
			accounts.add(c.code());
			if (c.parentCode() != null) {
				accounts.add(c.parentCode());
			}
		}
		else if (command instanceof UpdateAccount c) {
			accounts.add(c.code());
		}
		else if (command instanceof PostTransaction c) {
			transactions.add(c.transactionId());
			for (PostingLine line : c.postings()) {
				accounts.add(line.account());
			}
		}
		else if (command instanceof PostPending c) {
			transactions.add(c.transactionId());
		}
		else if (command instanceof VoidPending c) {
			transactions.add(c.transactionId());
		}
		else if (command instanceof ReverseTransaction c) {
			transactions.add(c.transactionId());
			transactions.add(c.reversalId());
		}
		else if (command instanceof AtomicBatch c) {
			c.transactions().forEach(this::add);
		}
		else {
			throw new IllegalStateException("no references known for " + command);
		}
	}

}
