package io.laas.projector.projection.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import io.laas.projector.readmodel.ReadModelSchema;

/**
 * Writes a batch's {@link Changes}: one statement per table (two for accounts and transactions: new rows and changed
 * rows), whatever the batch size. The large inserts go through COPY; the rest bind whole columns as arrays. Runs inside the caller's transaction. Every UPDATE must hit exactly the rows it
 * names, checked here: a miss means an event refers to an account or transaction state that does not exist.
 */
@Component
public class ReadModelWriter {

	private static final String INSERT_ACCOUNTS = """
			insert into read_model.accounts (ledger_id, account_id, code, name, type, currency, parent_code, flags,
			    metadata, debits_posted, credits_posted, debits_pending, credits_pending, last_sequence, created_at,
			    updated_at)
			select d.ledger_id, d.account_id, d.code, d.name, d.type, d.currency, d.parent_code,
			    array(select jsonb_array_elements_text(d.flags)), d.metadata, d.debits_posted, d.credits_posted,
			    d.debits_pending, d.credits_pending, d.last_sequence, d.created_at, d.updated_at
			from unnest(?::uuid[], ?::uuid[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::jsonb[],
			    ?::jsonb[], ?::numeric[], ?::numeric[], ?::numeric[], ?::numeric[], ?::bigint[], ?::timestamptz[],
			    ?::timestamptz[])
			  as d(ledger_id, account_id, code, name, type, currency, parent_code, flags, metadata, debits_posted,
			    credits_posted, debits_pending, credits_pending, last_sequence, created_at, updated_at)
			""";

	private static final String UPDATE_ACCOUNTS = """
			update read_model.accounts a set
			    name = case when d.details_changed then d.name else a.name end,
			    metadata = case when d.details_changed then d.metadata else a.metadata end,
			    debits_posted = a.debits_posted + d.debits_posted,
			    credits_posted = a.credits_posted + d.credits_posted,
			    debits_pending = a.debits_pending + d.debits_pending,
			    credits_pending = a.credits_pending + d.credits_pending,
			    last_sequence = d.last_sequence,
			    updated_at = d.updated_at
			from unnest(?::uuid[], ?::text[], ?::boolean[], ?::text[], ?::jsonb[], ?::numeric[], ?::numeric[],
			    ?::numeric[], ?::numeric[], ?::bigint[], ?::timestamptz[])
			  as d(ledger_id, code, details_changed, name, metadata, debits_posted, credits_posted, debits_pending,
			    credits_pending, last_sequence, updated_at)
			where a.ledger_id = d.ledger_id and a.code = d.code
			""";

	private static final String TRANSACTIONS = "read_model.transactions (ledger_id, transaction_id, sequence, "
			+ "external_id, description, metadata, status, occurred_at, recorded_at, expires_at, "
			+ "reverses_transaction_id, reversed_by_transaction_id, postings, void_reason)";

	private static final String UPDATE_TRANSACTIONS = """
			update read_model.transactions t set
			    status = d.status,
			    reversed_by_transaction_id = coalesce(d.reversed_by_transaction_id, t.reversed_by_transaction_id),
			    postings = coalesce(d.postings, t.postings),
			    void_reason = coalesce(d.void_reason, t.void_reason)
			from unnest(?::uuid[], ?::uuid[], ?::text[], ?::text[], ?::uuid[], ?::jsonb[], ?::text[])
			  as d(ledger_id, transaction_id, expected_status, status, reversed_by_transaction_id, postings,
			    void_reason)
			where t.transaction_id = d.transaction_id and t.ledger_id = d.ledger_id and t.status = d.expected_status
			""";

	private static final String POSTINGS = "read_model.postings (ledger_id, transaction_id, ordinal, sequence, "
			+ "account_code, direction, amount, currency, status, occurred_at)";

	private static final String HISTORY = "read_model.transaction_history (ledger_id, transaction_id, sequence, status, "
			+ "recorded_at)";

	private final JdbcTemplate jdbc;

	private final String insertAccounts;

	private final String updateAccounts;

	private final String transactions;

	private final String updateTransactions;

	private final String postings;

	private final String history;

	/** Writes the live read model. */
	@Autowired
	public ReadModelWriter(JdbcTemplate jdbc) {
		this(jdbc, ReadModelSchema.SCHEMA);
	}

	/** Writes the read model in {@code schema} (a replay writes {@code read_model_next}). */
	public ReadModelWriter(JdbcTemplate jdbc, String schema) {
		this.jdbc = jdbc;
		this.insertAccounts = ReadModelSchema.inSchema(INSERT_ACCOUNTS, schema);
		this.updateAccounts = ReadModelSchema.inSchema(UPDATE_ACCOUNTS, schema);
		this.transactions = ReadModelSchema.inSchema(TRANSACTIONS, schema);
		this.updateTransactions = ReadModelSchema.inSchema(UPDATE_TRANSACTIONS, schema);
		this.postings = ReadModelSchema.inSchema(POSTINGS, schema);
		this.history = ReadModelSchema.inSchema(HISTORY, schema);
	}

	/** Writes every change; must run inside a transaction. */
	public void write(Changes changes) {
		List<AccountChange> newAccounts = new ArrayList<>();
		List<AccountChange> changedAccounts = new ArrayList<>();
		for (AccountChange account : changes.accounts()) {
			(account.isNew() ? newAccounts : changedAccounts).add(account);
		}
		List<TransactionChange> newTransactions = new ArrayList<>();
		List<TransactionChange> changedTransactions = new ArrayList<>();
		for (TransactionChange tx : changes.transactions()) {
			(tx.isNew ? newTransactions : changedTransactions).add(tx);
		}
		this.jdbc.execute((ConnectionCallback<Void>) (connection) -> {
			insertAccounts(connection, newAccounts);
			updateAccounts(connection, changedAccounts);
			insertTransactions(connection, newTransactions);
			updateTransactions(connection, changedTransactions);
			insertPostings(connection, changes.postings());
			insertHistory(connection, changes.history());
			return null;
		});
	}

	private void insertAccounts(Connection connection, List<AccountChange> rows) throws SQLException {
		if (rows.isEmpty()) {
			return;
		}
		run(connection, this.insertAccounts, rows.size(), (columns) -> columns.column(rows, (a) -> a.ledgerId)
			.column(rows, (a) -> a.created.accountId())
			.column(rows, (a) -> a.code)
			.column(rows, (a) -> a.name)
			.column(rows, (a) -> a.created.type())
			.column(rows, (a) -> a.created.currency())
			.column(rows, (a) -> a.created.parentCode())
			.column(rows, (a) -> Changes.json(a.flags()))
			.column(rows, (a) -> Changes.json(a.metadata))
			.column(rows, (a) -> a.debitsPosted)
			.column(rows, (a) -> a.creditsPosted)
			.column(rows, (a) -> a.debitsPending)
			.column(rows, (a) -> a.creditsPending)
			.column(rows, (a) -> a.lastSequence)
			.column(rows, (a) -> a.createdAt)
			.column(rows, (a) -> a.updatedAt));
	}

	private void updateAccounts(Connection connection, List<AccountChange> rows) throws SQLException {
		if (rows.isEmpty()) {
			return;
		}
		run(connection, this.updateAccounts, rows.size(), (columns) -> columns.column(rows, (a) -> a.ledgerId)
			.column(rows, (a) -> a.code)
			.column(rows, (a) -> a.detailsChanged)
			.column(rows, (a) -> a.name)
			.column(rows, (a) -> a.detailsChanged ? Changes.json(a.metadata) : null)
			.column(rows, (a) -> a.debitsPosted)
			.column(rows, (a) -> a.creditsPosted)
			.column(rows, (a) -> a.debitsPending)
			.column(rows, (a) -> a.creditsPending)
			.column(rows, (a) -> a.lastSequence)
			.column(rows, (a) -> a.updatedAt));
	}

	private void insertTransactions(Connection connection, List<TransactionChange> rows) throws SQLException {
		CopyText copy = new CopyText();
		for (TransactionChange t : rows) {
			copy.row(t.ledgerId, t.transactionId, t.sequence, t.externalId, t.description, Changes.json(t.metadata),
					t.status, t.occurredAt, t.recordedAt, t.expiresAt, t.reversesTransactionId,
					t.reversedByTransactionId, t.postingsJson, t.voidReason);
		}
		copy.copyInto(connection, this.transactions);
	}

	private void updateTransactions(Connection connection, List<TransactionChange> rows) throws SQLException {
		if (rows.isEmpty()) {
			return;
		}
		run(connection, this.updateTransactions, rows.size(), (columns) -> columns.column(rows, (t) -> t.ledgerId)
			.column(rows, (t) -> t.transactionId)
			.column(rows, (t) -> t.expectedStatus)
			.column(rows, (t) -> t.status)
			.column(rows, (t) -> t.reversedByTransactionId)
			.column(rows, (t) -> t.postingsJson)
			.column(rows, (t) -> t.voidReason));
	}

	private void insertPostings(Connection connection, List<PostingRow> rows) throws SQLException {
		CopyText copy = new CopyText();
		for (PostingRow p : rows) {
			copy.row(p.ledgerId(), p.transactionId(), p.ordinal(), p.sequence(), p.accountCode(), p.direction(),
					p.amount(), p.currency(), p.status(), p.occurredAt());
		}
		copy.copyInto(connection, this.postings);
	}

	private void insertHistory(Connection connection, List<HistoryRow> rows) throws SQLException {
		CopyText copy = new CopyText();
		for (HistoryRow h : rows) {
			copy.row(h.ledgerId(), h.transactionId(), h.sequence(), h.status(), h.recordedAt());
		}
		copy.copyInto(connection, this.history);
	}

	/** Binds the columns, runs the statement and insists that it touched exactly {@code expectedRows} rows. */
	static void run(Connection connection, String sql, int expectedRows, Binder binder) throws SQLException {
		try (PreparedStatement statement = connection.prepareStatement(sql)) {
			binder.bind(new SqlArrays(connection, statement));
			int rows = statement.executeUpdate();
			if (rows != expectedRows) {
				throw new IllegalStateException("expected to write " + expectedRows + " rows but wrote " + rows
						+ ": an event refers to an account or transaction in a state the read model does not have ("
						+ sql.strip().lines().findFirst().orElse(sql) + ")");
			}
		}
	}

	@FunctionalInterface
	interface Binder {

		void bind(SqlArrays columns) throws SQLException;

	}

}
