package io.laas.command.ledger;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.laas.command.ledger.LedgerCommand.AtomicBatch;
import io.laas.command.ledger.LedgerCommand.CreateAccount;
import io.laas.command.ledger.LedgerCommand.PostPending;
import io.laas.command.ledger.LedgerCommand.PostTransaction;
import io.laas.command.ledger.LedgerCommand.PostingLine;
import io.laas.command.ledger.LedgerCommand.ReverseTransaction;
import io.laas.command.ledger.LedgerCommand.UpdateAccount;
import io.laas.command.ledger.LedgerCommand.VoidPending;
import io.laas.command.ledger.Rejection.Code;
import io.laas.events.AccountCreated;
import io.laas.events.AccountUpdated;
import io.laas.events.Direction;
import io.laas.events.LedgerEvent;
import io.laas.events.Posting;
import io.laas.events.Postings;
import io.laas.events.TransactionPending;
import io.laas.events.TransactionPosted;
import io.laas.events.TransactionPostedFromPending;
import io.laas.events.TransactionReversed;
import io.laas.events.TransactionVoided;

/**
 * The posting rules, as a pure function: a command and the ledger's state in, the events to append or the named
 * rule that refuses it out. No Spring, SQL or Kafka here, so every rule is tested without a database.
 */
public final class LedgerDecider {

	private LedgerDecider() {
	}

	public static Decision decide(LedgerCommand command, LedgerView view, Instant now) {
		if (command instanceof PostTransaction c) {
			return postTransaction(c, view, now);
		}
		if (command instanceof CreateAccount c) {
			return createAccount(c, view);
		}
		if (command instanceof UpdateAccount c) {
			return updateAccount(c, view);
		}
		if (command instanceof PostPending c) {
			return postPending(c, view, now);
		}
		if (command instanceof VoidPending c) {
			return voidPending(c, view);
		}
		if (command instanceof ReverseTransaction c) {
			return reverse(c, view);
		}
		if (command instanceof AtomicBatch c) {
			return atomicBatch(c, view, now);
		}
		throw new IllegalStateException("no rule for " + command);
	}

	private static Decision createAccount(CreateAccount c, LedgerView view) {
		if (view.account(c.code()).isPresent()) {
			return reject(Code.ACCOUNT_ALREADY_EXISTS, "code", "An account with code '" + c.code() + "' already exists.");
		}
		String currency = c.currency() == null ? view.ledgerCurrency() : c.currency();
		if (!Currencies.isKnown(currency)) {
			return reject(Code.UNKNOWN_CURRENCY, "currency", "'" + currency + "' is not an ISO 4217 currency code.");
		}
		if (c.parentCode() != null) {
			Optional<AccountState> parent = view.account(c.parentCode());
			if (parent.isEmpty()) {
				return reject(Code.PARENT_ACCOUNT_NOT_FOUND, "parent_code",
						"No account with code '" + c.parentCode() + "' exists in this ledger.");
			}
			if (!parent.get().currency().equals(currency)) {
				return reject(Code.CURRENCY_MISMATCH, "parent_code", "The parent account is in "
						+ parent.get().currency() + " but this account is in " + currency + ".");
			}
			if (parent.get().type() != c.type()) {
				return reject(Code.VALIDATION_FAILED, "parent_code", "The parent account is of type "
						+ parent.get().type().wire() + "; a child must have the same type.");
			}
		}
		return new Decision.Accepted(List.of(new AccountCreated(c.accountId(), c.code().value(), c.name(),
				c.type().wire(), currency, c.parentCode() == null ? null : c.parentCode().value(),
				c.flags().stream().map(AccountFlag::wire).sorted().toList(), c.metadata())));
	}

	private static Decision updateAccount(UpdateAccount c, LedgerView view) {
		Optional<AccountState> account = view.account(c.code());
		if (account.isEmpty()) {
			return reject(Code.ACCOUNT_NOT_FOUND, "code", "No account with code '" + c.code() + "' exists in this ledger.");
		}
		AccountState current = account.get();
		return new Decision.Accepted(List.of(new AccountUpdated(current.id(), current.code().value(),
				c.name() == null ? current.name() : c.name(), c.metadata() == null ? current.metadata() : c.metadata())));
	}

	private static Decision postTransaction(PostTransaction c, LedgerView view, Instant now) {
		if (c.postings().size() < 2) {
			return reject(Code.VALIDATION_FAILED, "postings", "A transaction needs at least two postings.");
		}
		if (c.pending() && c.expiresAt() != null && !c.expiresAt().isAfter(now)) {
			return reject(Code.VALIDATION_FAILED, "expires_at", "expires_at must be in the future.");
		}
		List<Posting> postings = new ArrayList<>();
		for (PostingLine line : c.postings()) {
			String field = "postings[" + line.index() + "]";
			Optional<AccountState> found = view.account(line.account());
			if (found.isEmpty()) {
				return reject(Code.ACCOUNT_NOT_FOUND, field + ".account_code",
						"No account with code '" + line.account() + "' exists in this ledger.");
			}
			AccountState account = found.get();
			if (line.currency() != null && !line.currency().equals(account.currency())) {
				return reject(Code.CURRENCY_MISMATCH, field + ".currency", "Account '" + account.code() + "' is in "
						+ account.currency() + " but the posting is in " + line.currency() + ".");
			}
			Optional<BigDecimal> amount = Currencies.scaled(line.amount(), account.currency());
			if (amount.isEmpty()) {
				return reject(Code.AMOUNT_PRECISION, field + ".amount", line.amount().toPlainString() + " " + account.currency()
						+ " would need rounding: " + account.currency() + " has " + Currencies.scale(account.currency())
						+ " decimal places.");
			}
			if (line.expectedVersion() != null && line.expectedVersion() != account.version()) {
				return reject(Code.VERSION_CONFLICT, field + ".expected_account_version", "Account '" + account.code()
						+ "' is at version " + account.version() + ", not " + line.expectedVersion() + ".");
			}
			postings.add(new Posting(account.id(), account.code().value(), line.direction(), amount.get(),
					account.currency()));
		}
		Optional<Rejection> unbalanced = unbalanced(postings);
		if (unbalanced.isPresent()) {
			return new Decision.Rejected(unbalanced.get());
		}
		Optional<Rejection> overdraft = c.pending() ? limits(view, postings, Balances::reserve, c.postings())
				: limits(view, postings, Balances::post, c.postings());
		if (overdraft.isPresent()) {
			return new Decision.Rejected(overdraft.get());
		}
		LedgerEvent event = c.pending()
				? new TransactionPending(c.transactionId(), c.externalId(), c.description(), c.metadata(), postings,
						c.expiresAt())
				: new TransactionPosted(c.transactionId(), c.externalId(), c.description(), c.metadata(), postings);
		return new Decision.Accepted(List.of(event));
	}

	private static Decision postPending(PostPending c, LedgerView view, Instant now) {
		Optional<TransactionState> found = view.transaction(c.transactionId());
		if (found.isEmpty()) {
			return reject(Code.TRANSACTION_NOT_FOUND, "transaction_id", "No transaction " + c.transactionId() + " exists in this ledger.");
		}
		TransactionState pending = found.get();
		if (pending.status() != TransactionStatus.PENDING) {
			return reject(Code.TRANSACTION_NOT_PENDING, "transaction_id",
					"Transaction " + pending.id() + " is " + pending.status().wire() + ", not pending.");
		}
		if (pending.expiresAt() != null && !pending.expiresAt().isAfter(now)) {
			return reject(Code.TRANSACTION_NOT_PENDING, "transaction_id",
					"Transaction " + pending.id() + " expired at " + pending.expiresAt() + ".");
		}
		List<Posting> posted = pending.postings();
		if (c.amounts() != null) {
			if (c.amounts().size() != pending.postings().size()) {
				return reject(Code.VALIDATION_FAILED, "postings", "Give one amount per posting of the pending transaction ("
						+ pending.postings().size() + "), in the same order.");
			}
			List<Posting> partial = new ArrayList<>();
			for (int i = 0; i < c.amounts().size(); i++) {
				Posting original = pending.postings().get(i);
				Optional<BigDecimal> amount = Currencies.scaled(c.amounts().get(i), original.currency());
				String field = "postings[" + i + "].amount";
				if (amount.isEmpty()) {
					return reject(Code.AMOUNT_PRECISION, field, c.amounts().get(i).toPlainString() + " " + original.currency()
							+ " would need rounding.");
				}
				if (amount.get().compareTo(original.amount()) > 0) {
					return reject(Code.AMOUNT_EXCEEDS_PENDING, field, "At most " + original.amount().toPlainString() + " "
							+ original.currency() + " is pending on this posting.");
				}
				partial.add(new Posting(original.accountId(), original.accountCode(), original.direction(), amount.get(),
						original.currency()));
			}
			Optional<Rejection> unbalanced = unbalanced(partial);
			if (unbalanced.isPresent()) {
				return new Decision.Rejected(unbalanced.get());
			}
			posted = partial;
		}
		return new Decision.Accepted(List.of(new TransactionPostedFromPending(pending.id(), posted, pending.postings())));
	}

	private static Decision voidPending(VoidPending c, LedgerView view) {
		Optional<TransactionState> found = view.transaction(c.transactionId());
		if (found.isEmpty()) {
			return reject(Code.TRANSACTION_NOT_FOUND, "transaction_id", "No transaction " + c.transactionId() + " exists in this ledger.");
		}
		TransactionState pending = found.get();
		if (pending.status() != TransactionStatus.PENDING) {
			return reject(Code.TRANSACTION_NOT_PENDING, "transaction_id",
					"Transaction " + pending.id() + " is " + pending.status().wire() + ", not pending.");
		}
		return new Decision.Accepted(List.of(new TransactionVoided(pending.id(), c.reason(), pending.postings())));
	}

	private static Decision reverse(ReverseTransaction c, LedgerView view) {
		Optional<TransactionState> found = view.transaction(c.transactionId());
		if (found.isEmpty()) {
			return reject(Code.TRANSACTION_NOT_FOUND, "transaction_id", "No transaction " + c.transactionId() + " exists in this ledger.");
		}
		TransactionState original = found.get();
		if (original.status() == TransactionStatus.REVERSED) {
			return reject(Code.TRANSACTION_ALREADY_REVERSED, "transaction_id", "Transaction " + original.id()
					+ " was already reversed by " + original.reversedByTransactionId() + ".");
		}
		if (original.status() != TransactionStatus.POSTED) {
			return reject(Code.TRANSACTION_NOT_POSTED, "transaction_id",
					"Only posted transactions can be reversed; " + original.id() + " is " + original.status().wire() + ".");
		}
		List<Posting> mirror = original.postings().stream()
			.map(p -> new Posting(p.accountId(), p.accountCode(),
					p.direction() == Direction.DEBIT ? Direction.CREDIT : Direction.DEBIT, p.amount(), p.currency()))
			.toList();
		Optional<Rejection> overdraft = limits(view, mirror, Balances::post, null);
		if (overdraft.isPresent()) {
			return new Decision.Rejected(overdraft.get());
		}
		return new Decision.Accepted(List.of(new TransactionReversed(c.reversalId(), original.id(),
				c.description() == null ? "Reversal of " + original.id() : c.description(), c.metadata(), mirror)));
	}

	private static Decision atomicBatch(AtomicBatch c, LedgerView view, Instant now) {
		LedgerState scratch = new LedgerState(view);
		List<LedgerEvent> events = new ArrayList<>();
		long scratchSequence = 0;
		for (int i = 0; i < c.transactions().size(); i++) {
			Decision decision = postTransaction(c.transactions().get(i), scratch, now);
			if (decision instanceof Decision.Rejected rejected) {
				Rejection r = rejected.rejection();
				return reject(r.code(), "transactions[" + i + "]" + (r.field() == null ? "" : "." + r.field()), "Transaction " + i + " of the batch: "
						+ r.detail() + " Nothing in the batch was applied.");
			}
			for (LedgerEvent event : ((Decision.Accepted) decision).events()) {
				scratch.apply(event, ++scratchSequence);
				events.add(event);
			}
		}
		return new Decision.Accepted(events);
	}

	/** Debits must equal credits in each currency separately. */
	private static Optional<Rejection> unbalanced(List<Posting> postings) {
		for (Map.Entry<String, BigDecimal> net : Postings.netByCurrency(postings).entrySet()) {
			if (net.getValue().signum() != 0) {
				String side = net.getValue().signum() > 0 ? "debits exceed credits" : "credits exceed debits";
				return Optional.of(Rejection.of(Code.DEBITS_NOT_EQUAL_CREDITS, "postings", "In " + net.getKey() + ", "
						+ side + " by " + net.getValue().abs().toPlainString() + "; each currency must balance."));
			}
		}
		return Optional.empty();
	}

	private interface Movement {

		Balances apply(Balances balances, Direction side, BigDecimal amount);

	}

	/** Checks every touched account's balance constraint after the postings, as one unit. */
	private static Optional<Rejection> limits(LedgerView view, List<Posting> postings, Movement movement,
			List<PostingLine> lines) {
		Map<String, Balances> after = new LinkedHashMap<>();
		Map<String, Integer> firstIndex = new LinkedHashMap<>();
		for (int i = 0; i < postings.size(); i++) {
			Posting p = postings.get(i);
			AccountState account = view.account(new AccountCode(p.accountCode())).orElseThrow();
			after.put(p.accountCode(), movement.apply(after.getOrDefault(p.accountCode(), account.balances()),
					p.direction(), p.amount()));
			firstIndex.putIfAbsent(p.accountCode(), lines == null ? i : lines.get(i).index());
		}
		for (Map.Entry<String, Balances> entry : after.entrySet()) {
			AccountState account = view.account(new AccountCode(entry.getKey())).orElseThrow();
			Balances b = entry.getValue();
			String field = "postings[" + firstIndex.get(entry.getKey()) + "]";
			if (account.flags().contains(AccountFlag.DEBITS_MUST_NOT_EXCEED_CREDITS)
					&& b.debitsPosted().add(b.debitsPending()).compareTo(b.creditsPosted()) > 0) {
				return Optional.of(Rejection.of(Code.INSUFFICIENT_FUNDS, field, "Account '" + account.code()
						+ "' has " + account.balances().available(AccountType.LIABILITY.normalSide()).toPlainString() + " "
						+ account.currency() + " available; its debits may not exceed its credits."));
			}
			if (account.flags().contains(AccountFlag.CREDITS_MUST_NOT_EXCEED_DEBITS)
					&& b.creditsPosted().add(b.creditsPending()).compareTo(b.debitsPosted()) > 0) {
				return Optional.of(Rejection.of(Code.INSUFFICIENT_FUNDS, field, "Account '" + account.code()
						+ "' has " + account.balances().available(AccountType.ASSET.normalSide()).toPlainString() + " "
						+ account.currency() + " available; its credits may not exceed its debits."));
			}
		}
		return Optional.empty();
	}

	private static Decision reject(Code code, String field, String detail) {
		return new Decision.Rejected(Rejection.of(code, field, detail));
	}

}
