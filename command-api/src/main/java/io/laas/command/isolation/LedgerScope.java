package io.laas.command.isolation;

import java.util.UUID;
import java.util.function.Supplier;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The one way command-api touches a ledger's rows: a database transaction that first runs
 * {@code select set_config('app.ledger_id', ?, true)}. The row-level security policies of the ledger-scoped tables
 * (V5__row_level_security.sql, the projector's V3) let through only rows whose {@code ledger_id} equals that
 * setting, and refuse to write any other; outside a scope the setting is empty and a query sees nothing. The
 * setting is transaction-local, so a pooled connection never carries one ledger's scope into the next request.
 * <p>
 * A transaction has one ledger: entering a second, different ledger in the same transaction is a bug and throws.
 */
@Component
public class LedgerScope {

	/** Key of the ledger bound to the current transaction (Spring's transaction resources, per thread). */
	private static final Object CURRENT = new Object();

	private final JdbcTemplate jdbc;

	private final TransactionTemplate transactions;

	public LedgerScope(JdbcTemplate jdbc, PlatformTransactionManager transactionManager) {
		this.jdbc = jdbc;
		this.transactions = new TransactionTemplate(transactionManager);
	}

	/** Runs {@code work} in a transaction scoped to {@code ledgerId} (joining the caller's, if any). */
	public <T> T call(UUID ledgerId, Supplier<T> work) {
		return transactions.execute(status -> {
			enter(ledgerId);
			return work.get();
		});
	}

	/** {@link #call} without a result. */
	public void run(UUID ledgerId, Runnable work) {
		call(ledgerId, () -> {
			work.run();
			return null;
		});
	}

	/**
	 * Scopes the transaction the caller already opened (a posting batch, a report snapshot) to {@code ledgerId}.
	 * A no-op when it is already scoped to that ledger.
	 *
	 * @throws IllegalStateException outside a transaction (the setting would end with the statement), or when
	 * the transaction is already scoped to another ledger
	 */
	public void enter(UUID ledgerId) {
		if (ledgerId == null) {
			throw new IllegalArgumentException("ledgerId");
		}
		if (!TransactionSynchronizationManager.isActualTransactionActive()
				|| !TransactionSynchronizationManager.isSynchronizationActive()) {
			throw new IllegalStateException("a ledger scope needs a transaction: app.ledger_id is transaction-local");
		}
		Object current = TransactionSynchronizationManager.getResource(CURRENT);
		if (current != null) {
			if (!current.equals(ledgerId)) {
				throw new IllegalStateException(
						"this transaction is scoped to ledger " + current + ", not to " + ledgerId);
			}
			return;
		}
		jdbc.queryForObject("select set_config('app.ledger_id', ?, true)", String.class, ledgerId.toString());
		TransactionSynchronizationManager.bindResource(CURRENT, ledgerId);
		TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
			@Override
			public void afterCompletion(int status) {
				TransactionSynchronizationManager.unbindResourceIfPossible(CURRENT);
			}
		});
	}

}
