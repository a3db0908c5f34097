package io.laas.command.ledger;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

import io.laas.events.AccountCreated;
import io.laas.events.AccountUpdated;
import io.laas.events.LedgerEvent;
import io.laas.events.Posting;
import io.laas.events.TransactionPending;
import io.laas.events.TransactionPosted;
import io.laas.events.TransactionPostedFromPending;
import io.laas.events.TransactionReversed;
import io.laas.events.TransactionVoided;

/**
 * A ledger's state as it evolves through a batch of commands: what was loaded, plus every change made by the
 * events accepted so far. {@link #apply} is the one definition of what each event does to balances; the
 * decider's answers and the rows written come from it.
 */
public final class LedgerState implements LedgerView {

	private final LedgerView base;

	private final Map<AccountCode, AccountState> accounts;

	private final Map<UUID, TransactionState> transactions;

	public LedgerState(LedgerView base) {
		this(base, new LinkedHashMap<>(), new LinkedHashMap<>());
	}

	private LedgerState(LedgerView base, Map<AccountCode, AccountState> accounts,
			Map<UUID, TransactionState> transactions) {
		this.base = base;
		this.accounts = accounts;
		this.transactions = transactions;
	}

	/** A scratch copy: changes to it do not touch this state (used to try an all-or-nothing batch). */
	public LedgerState copy() {
		return new LedgerState(base, new LinkedHashMap<>(accounts), new LinkedHashMap<>(transactions));
	}

	/** Takes over every change of a scratch copy made with {@link #copy()}. */
	public void adopt(LedgerState scratch) {
		accounts.putAll(scratch.accounts);
		transactions.putAll(scratch.transactions);
	}

	@Override
	public Optional<AccountState> account(AccountCode code) {
		AccountState changed = accounts.get(code);
		return changed != null ? Optional.of(changed) : base.account(code);
	}

	@Override
	public Optional<TransactionState> transaction(UUID id) {
		TransactionState changed = transactions.get(id);
		return changed != null ? Optional.of(changed) : base.transaction(id);
	}

	@Override
	public String ledgerCurrency() {
		return base.ledgerCurrency();
	}

	/** Accounts changed or created since this state was loaded, in first-change order. */
	public Map<AccountCode, AccountState> changedAccounts() {
		return Map.copyOf(accounts);
	}

	public Map<UUID, TransactionState> changedTransactions() {
		return Map.copyOf(transactions);
	}

	/** Evolves the state by one event, appended at {@code sequence}. */
	public void apply(LedgerEvent event, long sequence) {
		if (event instanceof AccountCreated e) {
			AccountCode code = new AccountCode(e.code());
			if (account(code).isPresent()) {
				throw new IllegalStateException("account " + code + " created twice");
			}
			accounts.put(code, new AccountState(e.accountId(), code, e.name(),
					AccountType.fromWire(e.type()).orElseThrow(), e.currency(),
					e.parentCode() == null ? null : new AccountCode(e.parentCode()),
					Set.copyOf(e.flags().stream().map(f -> AccountFlag.fromWire(f).orElseThrow()).toList()),
					e.metadata(), 0, Balances.ZERO));
		}
		else if (event instanceof AccountUpdated e) {
			AccountState current = require(new AccountCode(e.code()));
			accounts.put(current.code(), current.withDetails(e.name(), e.metadata()));
		}
		else if (event instanceof TransactionPosted e) {
			move(e.postings(), Balances::post);
			transactions.put(e.transactionId(), new TransactionState(e.transactionId(), TransactionStatus.POSTED,
					e.externalId(), e.postings(), null, null, null, sequence));
		}
		else if (event instanceof TransactionPending e) {
			move(e.postings(), Balances::reserve);
			transactions.put(e.transactionId(), new TransactionState(e.transactionId(), TransactionStatus.PENDING,
					e.externalId(), e.postings(), e.expiresAt(), null, null, sequence));
		}
		else if (event instanceof TransactionPostedFromPending e) {
			TransactionState pending = requireTransaction(e.transactionId());
			moveTwice(e.releasedPostings(), Balances::release, e.postings(), Balances::post);
			transactions.put(pending.id(), new TransactionState(pending.id(), TransactionStatus.POSTED,
					pending.externalId(), e.postings(), pending.expiresAt(), null, null, pending.createdSequence()));
		}
		else if (event instanceof TransactionVoided e) {
			TransactionState pending = requireTransaction(e.transactionId());
			move(e.releasedPostings(), Balances::release);
			transactions.put(pending.id(), pending.withStatus(
					"expired".equals(e.reason()) ? TransactionStatus.EXPIRED : TransactionStatus.VOIDED));
		}
		else if (event instanceof TransactionReversed e) {
			TransactionState original = requireTransaction(e.reversedTransactionId());
			move(e.postings(), Balances::post);
			transactions.put(original.id(), original.reversedBy(e.transactionId()));
			transactions.put(e.transactionId(), new TransactionState(e.transactionId(), TransactionStatus.POSTED,
					null, e.postings(), null, original.id(), null, sequence));
		}
		else {
			throw new IllegalStateException("no evolution for " + event);
		}
	}

	private interface Movement {

		Balances apply(Balances balances, io.laas.events.Direction side, java.math.BigDecimal amount);

	}

	/** Applies the postings to each touched account; an account's version grows once per transaction. */
	private void move(List<Posting> postings, Movement movement) {
		moveTwice(postings, movement, List.of(), movement);
	}

	private void moveTwice(List<Posting> first, Movement firstMovement, List<Posting> second, Movement secondMovement) {
		Map<AccountCode, Balances> next = new LinkedHashMap<>();
		Function<Posting, AccountCode> codeOf = p -> new AccountCode(p.accountCode());
		for (Posting p : first) {
			AccountCode code = codeOf.apply(p);
			next.put(code, firstMovement.apply(next.getOrDefault(code, require(code).balances()), p.direction(), p.amount()));
		}
		for (Posting p : second) {
			AccountCode code = codeOf.apply(p);
			next.put(code, secondMovement.apply(next.getOrDefault(code, require(code).balances()), p.direction(), p.amount()));
		}
		next.forEach((code, balances) -> accounts.put(code, require(code).withBalances(balances)));
	}

	private AccountState require(AccountCode code) {
		return account(code).orElseThrow(() -> new IllegalStateException("event names unknown account " + code));
	}

	private TransactionState requireTransaction(UUID id) {
		return transaction(id).orElseThrow(() -> new IllegalStateException("event names unknown transaction " + id));
	}

	/** An empty ledger, for tests and for the first command of a new ledger. */
	public static LedgerView empty(String currency) {
		return new LedgerView() {

			private final Map<AccountCode, AccountState> none = new HashMap<>();

			@Override
			public Optional<AccountState> account(AccountCode code) {
				return Optional.ofNullable(none.get(code));
			}

			@Override
			public Optional<TransactionState> transaction(UUID id) {
				return Optional.empty();
			}

			@Override
			public String ledgerCurrency() {
				return currency;
			}
		};
	}

}
