package io.laas.command.ledger;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.statistics.Statistics;

import io.laas.command.ledger.LedgerCommand.PostingLine;
import io.laas.command.ledger.Rejection.Code;
import io.laas.events.Direction;
import io.laas.events.LedgerEvent;
import io.laas.events.Posting;
import io.laas.events.Postings;
import io.laas.events.TransactionPending;
import io.laas.events.TransactionPosted;
import io.laas.events.TransactionPostedFromPending;
import io.laas.events.TransactionReversed;
import io.laas.events.TransactionVoided;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Model-based check of the posting rules: random workloads of valid and invalid commands (accounts with and
 * without no-overdraft flags, USD and JPY postings with amounts that may need rounding, unbalanced or one-legged
 * transactions, stale versions, pending transactions posted in full or for less or voided or left to expire,
 * reversals, all-or-nothing batches) run through {@link LedgerDecider} and {@link LedgerState#apply}, and through
 * {@link Model}, a tiny reference ledger written here from the rules as documented (maps of BigDecimal, its own
 * table of minor units). After every step: the same verdict (for a rejection, a code the model also finds
 * violated), the same balances and versions of every account, the same transaction statuses, each currency's
 * debits equal to its credits (posted and pending), no flagged account past its limit, and a rejection (or even an
 * acceptance, before its events are applied) leaves the state untouched.
 */
class LedgerModelPropertyTest {

	private static final String LEDGER_CURRENCY = "USD";

	private static final Instant START = Instant.parse("2026-11-24T12:00:00Z");

	/** Codes accounts may be opened under; one more index names an account that is never opened. */
	private static final List<String> CODES = List.of("a0", "a1", "a2", "a3", "a4", "a5");

	private static final String GHOST = "ghost";

	// ---------------------------------------------------------------- the workload

	/**
	 * One step of a workload. Steps name accounts and transactions by index; a step is resolved into a command
	 * against what the reference model holds when it runs, so that most commands are plausible and some are not.
	 */
	sealed interface Step {
	}

	/** {@code currency} null means the ledger's; "XXX" has no minor units (an unknown currency to the ledger). */
	record Open(int code, AccountType type, String currency, Set<AccountFlag> flags, Integer parent) implements Step {
	}

	/** {@code expiresInMinutes} ≤ 0 is in the past (refused). {@code twist} breaks a rule, or not. */
	record Post(boolean pending, Integer expiresInMinutes, List<Pair> pairs, Twist twist, String twistCurrency,
			int twistVersionDelta) implements Step {
	}

	/**
	 * A debit and a credit of the same amount. A {@code plausible} pair debits an open account and credits an open
	 * account of the same currency; otherwise the indices name any code, maybe one never opened.
	 */
	record Pair(int debit, int credit, boolean plausible, int units, AmountKind kind) {
	}

	/** How {@code units} become an amount in the debit account's currency. */
	enum AmountKind {

		/** Exact in the currency: cents for USD, yen for JPY. */
		EXACT,
		/** Whole units: exact in every currency. */
		WHOLE,
		/** Whole units written with three zero decimals ("12.000"): exact once scaled. */
		TRAILING_ZEROS,
		/** Tenths: exact in USD, too precise in JPY unless whole. */
		TENTHS,
		/** Thousandths: too precise in USD and JPY unless they happen to round. */
		THOUSANDTHS

	}

	enum Twist {
		NONE, SKEW_AMOUNT, DROP_LEG, LEG_CURRENCY, EXPECTED_VERSION
	}

	/**
	 * {@code factors} empty posts in full; otherwise the amounts are the pending ones times the factors (one per
	 * leg, or a wrong count of them).
	 */
	record PostPending(int transaction, boolean pendingOnly, List<String> factors) implements Step {
	}

	record Cancel(int transaction, boolean pendingOnly, boolean expired) implements Step {
	}

	record Reverse(int transaction) implements Step {
	}

	record Rename(int code) implements Step {
	}

	record Batch(List<Post> posts) implements Step {
	}

	record Wait(int minutes) implements Step {
	}

	@Provide
	Arbitrary<List<Step>> workloads() {
		Arbitrary<Step> step = Arbitraries.frequencyOf(Tuple.of(14, posts().map(p -> (Step) p)),
				Tuple.of(4, postPendings()), Tuple.of(3, cancels()), Tuple.of(3, reversals()),
				Tuple.of(1, opens(Arbitraries.integers().between(0, CODES.size() - 1).injectNull(0.6))),
				Tuple.of(1, Arbitraries.integers().between(0, CODES.size()).map(i -> (Step) new Rename(i))),
				Tuple.of(2, posts().list().ofMinSize(1).ofMaxSize(3).map(list -> (Step) new Batch(list))),
				Tuple.of(2, Arbitraries.integers().between(1, 20).map(m -> (Step) new Wait(m))));
		return Combinators.combine(setup(), step.list().ofMinSize(5).ofMaxSize(80)).as((opens, steps) -> {
			List<Step> all = new ArrayList<>(opens);
			all.addAll(steps);
			return all;
		});
	}

	/** Opens most of the codes in order, some under an earlier code (which may not fit: type, currency). */
	private static Arbitrary<List<Step>> setup() {
		List<Arbitrary<Step>> opens = new ArrayList<>();
		for (int i = 0; i < CODES.size(); i++) {
			Arbitrary<Integer> parent = i == 0 ? Arbitraries.just(null)
					: Arbitraries.integers().between(0, i - 1).injectNull(0.7);
			int code = i;
			Arbitrary<Step> open = Combinators
				.combine(Arbitraries.of(AccountType.class), currencies(), flags(), parent)
				.as((type, currency, flags, under) -> (Step) new Open(code, type, currency, flags, under));
			opens.add(Arbitraries.frequencyOf(Tuple.of(6, open), Tuple.of(1, Arbitraries.just((Step) new Wait(0)))));
		}
		return Combinators.combine(opens).as(list -> list);
	}

	private static Arbitrary<Step> opens(Arbitrary<Integer> parent) {
		return Combinators
			.combine(Arbitraries.integers().between(0, CODES.size() - 1), Arbitraries.of(AccountType.class),
					currencies(), flags(), parent)
			.as((code, type, currency, flags, under) -> (Step) new Open(code, type, currency, flags, under));
	}

	private static Arbitrary<String> currencies() {
		return Arbitraries.frequency(Tuple.of(9, "USD"), Tuple.of(7, "JPY"), Tuple.of(3, ""), Tuple.of(1, "XXX"))
			.map(c -> c.isEmpty() ? null : c);
	}

	private static Arbitrary<Set<AccountFlag>> flags() {
		return Arbitraries.frequencyOf(Tuple.of(5, Arbitraries.just(Set.<AccountFlag>of())),
				Tuple.of(3, Arbitraries.just(Set.of(AccountFlag.DEBITS_MUST_NOT_EXCEED_CREDITS))),
				Tuple.of(3, Arbitraries.just(Set.of(AccountFlag.CREDITS_MUST_NOT_EXCEED_DEBITS))),
				Tuple.of(1, Arbitraries.just(Set.of(AccountFlag.values()))));
	}

	private static Arbitrary<Integer> accountIndex() {
		return Arbitraries.frequencyOf(Tuple.of(40, Arbitraries.integers().between(0, CODES.size() - 1)),
				Tuple.of(1, Arbitraries.just(CODES.size())));
	}

	private static Arbitrary<Post> posts() {
		Arbitrary<AmountKind> kinds = Arbitraries.frequency(Tuple.of(12, AmountKind.EXACT), Tuple.of(3, AmountKind.WHOLE),
				Tuple.of(1, AmountKind.TRAILING_ZEROS), Tuple.of(1, AmountKind.TENTHS),
				Tuple.of(1, AmountKind.THOUSANDTHS));
		Arbitrary<Pair> pair = Combinators
			.combine(accountIndex(), accountIndex(), Arbitraries.frequency(Tuple.of(9, true), Tuple.of(1, false)),
					Arbitraries.integers().between(1, 30_000), kinds)
			.as(Pair::new);
		Arbitrary<Twist> twist = Arbitraries.frequency(Tuple.of(16, Twist.NONE), Tuple.of(1, Twist.SKEW_AMOUNT),
				Tuple.of(1, Twist.DROP_LEG), Tuple.of(1, Twist.LEG_CURRENCY), Tuple.of(2, Twist.EXPECTED_VERSION));
		return Combinators
			.combine(Arbitraries.frequency(Tuple.of(7, false), Tuple.of(3, true)),
					Arbitraries.integers().between(-1, 30).injectNull(0.6), pair.list().ofMinSize(1).ofMaxSize(3),
					twist, Arbitraries.of("USD", "JPY", "EUR"), Arbitraries.integers().between(-1, 1))
			.as((pending, expires, pairs, how, currency, delta) -> new Post(pending, pending ? expires : null, pairs,
					how, currency, delta));
	}

	private static Arbitrary<Step> postPendings() {
		Arbitrary<List<String>> factors = Arbitraries.frequencyOf(Tuple.of(3, Arbitraries.just(List.<String>of())),
				Tuple.of(4, Arbitraries.of("1", "0.5", "0.3", "2").map(f -> List.of(f, f, f, f, f, f))),
				Tuple.of(1, Arbitraries.of("1", "0.5", "1.5").list().ofSize(6)),
				Tuple.of(1, Arbitraries.just(List.of("1"))));
		return Combinators.combine(Arbitraries.integers().between(0, 12), pendingOnly(), factors)
			.as(PostPending::new);
	}

	private static Arbitrary<Step> cancels() {
		return Combinators.combine(Arbitraries.integers().between(0, 12), pendingOnly(), Arbitraries.of(false, true))
			.as(Cancel::new);
	}

	private static Arbitrary<Boolean> pendingOnly() {
		return Arbitraries.frequency(Tuple.of(4, true), Tuple.of(1, false));
	}

	private static Arbitrary<Step> reversals() {
		return Arbitraries.integers().between(0, 12).map(Reverse::new);
	}

	// ---------------------------------------------------------------- the property

	@Property(tries = 1000)
	void decider_agreesWithTheReferenceModel_andKeepsEveryInvariant(@ForAll("workloads") List<Step> workload) {
		LedgerState ledger = new LedgerState(LedgerState.empty(LEDGER_CURRENCY));
		Model model = new Model();
		List<UUID> transactions = new ArrayList<>();
		Instant now = START;
		long sequence = 0;
		for (int i = 0; i < workload.size(); i++) {
			Step step = workload.get(i);
			String where = "step " + i + " " + step;
			if (step instanceof Wait wait) {
				now = now.plus(Duration.ofMinutes(wait.minutes()));
				continue;
			}
			LedgerCommand command = command(step, model, transactions, now);
			Snapshot before = Snapshot.of(ledger);
			Model expected = model.copy();
			Set<Code> violated = expected.decide(command, now);

			Decision decision = LedgerDecider.decide(command, ledger, now);

			assertThat(Snapshot.of(ledger)).as(where + ": decide() must not touch the state").isEqualTo(before);
			if (decision instanceof Decision.Rejected rejected) {
				Code code = rejected.rejection().code();
				Statistics.label("outcome").collect(code.slug());
				assertThat(violated).as(where + ": the decider refused with " + rejected.rejection()
						+ "; the model finds these rules broken").contains(code);
			}
			else {
				Statistics.label("outcome").collect("accepted " + command.getClass().getSimpleName());
				assertThat(violated).as(where + ": the decider accepted; the model finds these rules broken").isEmpty();
				for (LedgerEvent event : ((Decision.Accepted) decision).events()) {
					assertBalancedAndScaled(event, where);
					ledger.apply(event, ++sequence);
					if (event instanceof TransactionPosted e) {
						transactions.add(e.transactionId());
					}
					else if (event instanceof TransactionPending e) {
						transactions.add(e.transactionId());
					}
					else if (event instanceof TransactionReversed e) {
						transactions.add(e.transactionId());
					}
				}
				model = expected;
			}
			assertSameAsModel(ledger, model, where);
			assertInvariants(ledger, where);
		}
		// A workload generator that stopped reaching a rule would leave this property passing for nothing.
		Statistics.label("outcome").coverage(checker -> {
			for (String outcome : List.of("accepted PostTransaction", "accepted PostPending", "accepted VoidPending",
					"accepted ReverseTransaction", "accepted AtomicBatch", "insufficient-funds", "amount-precision",
					"debits-not-equal-credits", "currency-mismatch", "version-conflict", "amount-exceeds-pending",
					"transaction-not-pending", "transaction-already-reversed", "account-not-found")) {
				checker.check(outcome).count(c -> c > 0);
			}
		});
	}

	/** Turns a step into a command against what the model holds now (unknown references stay unknown). */
	private static LedgerCommand command(Step step, Model model, List<UUID> transactions, Instant now) {
		if (step instanceof Open o) {
			return new LedgerCommand.CreateAccount(UUID.randomUUID(), new AccountCode(CODES.get(o.code())),
					"Account " + o.code(), o.type(), o.currency(), o.parent() == null ? null
							: new AccountCode(CODES.get(o.parent())),
					o.flags(), Map.of());
		}
		if (step instanceof Post p) {
			return post(p, model, now);
		}
		if (step instanceof Batch b) {
			List<LedgerCommand.PostTransaction> posts = new ArrayList<>();
			for (Post p : b.posts()) {
				posts.add(post(p, model, now));
			}
			return new LedgerCommand.AtomicBatch(posts);
		}
		if (step instanceof PostPending p) {
			UUID id = pick(transactions, model, p.transaction(), p.pendingOnly());
			List<BigDecimal> amounts = null;
			if (!p.factors().isEmpty()) {
				List<Model.Leg> legs = model.transactions.containsKey(id) ? model.transactions.get(id).legs()
						: List.of();
				amounts = new ArrayList<>();
				int count = p.factors().size() == 1 ? 1 : legs.size();
				for (int i = 0; i < count; i++) {
					BigDecimal original = i < legs.size() ? legs.get(i).amount() : BigDecimal.ONE;
					amounts.add(original.multiply(new BigDecimal(p.factors().get(i))));
				}
			}
			return new LedgerCommand.PostPending(id, amounts);
		}
		if (step instanceof Cancel c) {
			return new LedgerCommand.VoidPending(pick(transactions, model, c.transaction(), c.pendingOnly()),
					c.expired() ? "expired" : "voided");
		}
		if (step instanceof Reverse r) {
			return new LedgerCommand.ReverseTransaction(UUID.randomUUID(),
					pick(transactions, model, r.transaction(), false), null, Map.of());
		}
		if (step instanceof Rename r) {
			return new LedgerCommand.UpdateAccount(new AccountCode(code(r.code())), "Renamed", Map.of("k", "v"));
		}
		throw new IllegalStateException("no command for " + step);
	}

	private static LedgerCommand.PostTransaction post(Post p, Model model, Instant now) {
		List<Leg> legs = new ArrayList<>();
		for (Pair pair : p.pairs()) {
			String debit = code(pair.debit());
			String credit = code(pair.credit());
			if (pair.plausible() && !model.accounts.isEmpty()) {
				List<String> open = new ArrayList<>(model.accounts.keySet());
				debit = open.get(pair.debit() % open.size());
			}
			Model.Account debited = model.accounts.get(debit);
			String currency = debited == null ? LEDGER_CURRENCY : debited.currency();
			if (pair.plausible() && debited != null) {
				List<String> peers = model.accounts.values()
					.stream()
					.filter(a -> a.currency().equals(currency))
					.map(Model.Account::code)
					.toList();
				credit = peers.get(pair.credit() % peers.size());
			}
			String amount = amount(pair.units(), pair.kind(), currency);
			legs.add(new Leg(debit, Direction.DEBIT, amount, null, null));
			legs.add(new Leg(credit, Direction.CREDIT, amount, null, null));
		}
		Leg first = legs.get(0);
		switch (p.twist()) {
			case SKEW_AMOUNT:
				legs.set(0, new Leg(first.code(), first.direction(),
						new BigDecimal(first.amount()).add(BigDecimal.ONE).toPlainString(), null, null));
				break;
			case DROP_LEG:
				legs.remove(legs.size() - 1);
				break;
			case LEG_CURRENCY:
				legs.set(0, new Leg(first.code(), first.direction(), first.amount(), p.twistCurrency(), null));
				break;
			case EXPECTED_VERSION:
				Model.Account account = model.accounts.get(first.code());
				legs.set(0, new Leg(first.code(), first.direction(), first.amount(), null,
						(account == null ? 0 : account.version()) + p.twistVersionDelta()));
				break;
			default:
				break;
		}
		List<PostingLine> lines = new ArrayList<>();
		for (int i = 0; i < legs.size(); i++) {
			Leg leg = legs.get(i);
			lines.add(new PostingLine(i, new AccountCode(leg.code()), leg.direction(), Money.parsePositive(leg.amount()),
					leg.currency(), leg.expectedVersion()));
		}
		Instant expiresAt = p.expiresInMinutes() == null ? null : now.plus(Duration.ofMinutes(p.expiresInMinutes()));
		return new LedgerCommand.PostTransaction(UUID.randomUUID(), null, null, Map.of(), null, p.pending(), expiresAt,
				lines);
	}

	/** A posting line before it becomes a command. */
	private record Leg(String code, Direction direction, String amount, String currency, Long expectedVersion) {
	}

	/** The amount as a client would write it. */
	private static String amount(int units, AmountKind kind, String currency) {
		BigDecimal value;
		switch (kind) {
			case EXACT:
				value = new BigDecimal(units).movePointLeft(Model.MINOR_UNITS.getOrDefault(currency, 2));
				break;
			case WHOLE:
				value = new BigDecimal(units % 1000 + 1);
				break;
			case TRAILING_ZEROS:
				return (units % 1000 + 1) + ".000";
			case TENTHS:
				value = new BigDecimal(units).movePointLeft(1);
				break;
			default:
				value = new BigDecimal(units).movePointLeft(3);
				break;
		}
		return value.toPlainString();
	}

	private static String code(int index) {
		return index < CODES.size() ? CODES.get(index) : GHOST;
	}

	/**
	 * One of the transactions so far (only pending ones, if asked and there are any), or — one index in n+1 — one
	 * that does not exist.
	 */
	private static UUID pick(List<UUID> transactions, Model model, int index, boolean pendingOnly) {
		List<UUID> candidates = transactions;
		if (pendingOnly) {
			List<UUID> pending = transactions.stream()
				.filter(id -> "pending".equals(model.transactions.get(id).status()))
				.toList();
			if (!pending.isEmpty()) {
				return pending.get(index % pending.size());
			}
		}
		int slot = index % (candidates.size() + 1);
		return slot < candidates.size() ? candidates.get(slot)
				: UUID.nameUUIDFromBytes(("unknown-" + index).getBytes(StandardCharsets.UTF_8));
	}

	// ---------------------------------------------------------------- the checks

	private static void assertSameAsModel(LedgerState ledger, Model model, String where) {
		Map<AccountCode, AccountState> accounts = ledger.changedAccounts();
		assertThat(accounts.keySet().stream().map(AccountCode::value).toList())
			.as(where + ": the accounts that exist")
			.containsExactlyInAnyOrderElementsOf(model.accounts.keySet());
		for (Model.Account expected : model.accounts.values()) {
			AccountState actual = accounts.get(new AccountCode(expected.code()));
			String account = where + ": account " + expected.code();
			assertThat(actual.currency()).as(account + " currency").isEqualTo(expected.currency());
			assertThat(actual.version()).as(account + " version").isEqualTo(expected.version());
			assertThat(actual.balances().debitsPosted()).as(account + " debits posted")
				.isEqualByComparingTo(expected.debitsPosted());
			assertThat(actual.balances().creditsPosted()).as(account + " credits posted")
				.isEqualByComparingTo(expected.creditsPosted());
			assertThat(actual.balances().debitsPending()).as(account + " debits pending")
				.isEqualByComparingTo(expected.debitsPending());
			assertThat(actual.balances().creditsPending()).as(account + " credits pending")
				.isEqualByComparingTo(expected.creditsPending());
		}
		for (Model.Transaction expected : model.transactions.values()) {
			assertThat(ledger.transaction(expected.id()).map(t -> t.status().wire()))
				.as(where + ": status of transaction " + expected.id())
				.contains(expected.status());
		}
	}

	private static void assertInvariants(LedgerState ledger, String where) {
		Map<String, BigDecimal[]> byCurrency = new TreeMap<>();
		for (AccountState account : ledger.changedAccounts().values()) {
			Balances b = account.balances();
			BigDecimal[] sums = byCurrency.computeIfAbsent(account.currency(),
					c -> new BigDecimal[] { BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO });
			sums[0] = sums[0].add(b.debitsPosted());
			sums[1] = sums[1].add(b.creditsPosted());
			sums[2] = sums[2].add(b.debitsPending());
			sums[3] = sums[3].add(b.creditsPending());
			if (account.flags().contains(AccountFlag.DEBITS_MUST_NOT_EXCEED_CREDITS)) {
				assertThat(b.debitsPosted().add(b.debitsPending())).as(where + ": " + account.code()
						+ " debits (posted + pending) must not exceed its credits").isLessThanOrEqualTo(b.creditsPosted());
			}
			if (account.flags().contains(AccountFlag.CREDITS_MUST_NOT_EXCEED_DEBITS)) {
				assertThat(b.creditsPosted().add(b.creditsPending())).as(where + ": " + account.code()
						+ " credits (posted + pending) must not exceed its debits").isLessThanOrEqualTo(b.debitsPosted());
			}
		}
		byCurrency.forEach((currency, sums) -> {
			assertThat(sums[0]).as(where + ": " + currency + " posted debits = posted credits")
				.isEqualByComparingTo(sums[1]);
			assertThat(sums[2]).as(where + ": " + currency + " pending debits = pending credits")
				.isEqualByComparingTo(sums[3]);
		});
	}

	private static void assertBalancedAndScaled(LedgerEvent event, String where) {
		List<List<Posting>> legLists = new ArrayList<>();
		if (event instanceof TransactionPosted e) {
			legLists.add(e.postings());
		}
		else if (event instanceof TransactionPending e) {
			legLists.add(e.postings());
		}
		else if (event instanceof TransactionPostedFromPending e) {
			legLists.add(e.postings());
			legLists.add(e.releasedPostings());
		}
		else if (event instanceof TransactionVoided e) {
			legLists.add(e.releasedPostings());
		}
		else if (event instanceof TransactionReversed e) {
			legLists.add(e.postings());
		}
		for (List<Posting> legs : legLists) {
			Postings.netByCurrency(legs)
				.forEach((currency, net) -> assertThat(net).as(where + ": " + event + " balances in " + currency)
					.isEqualByComparingTo("0"));
			for (Posting leg : legs) {
				assertThat(leg.amount().signum()).as(where + ": positive amount").isPositive();
				assertThat(Model.fitsMinorUnits(leg.amount(), leg.currency()))
					.as(where + ": " + leg.amount() + " has at most " + leg.currency() + "'s minor units")
					.isTrue();
			}
		}
	}

	/** What the test compares the ledger state with, before and after a decision. */
	record Snapshot(Map<AccountCode, AccountState> accounts, Map<UUID, TransactionState> transactions) {

		static Snapshot of(LedgerState ledger) {
			return new Snapshot(ledger.changedAccounts(), ledger.changedTransactions());
		}

	}

	// ---------------------------------------------------------------- the reference model

	/**
	 * The rules, written again from their documentation and nothing else of the decider: no {@code Balances}, no
	 * {@code Currencies}. {@link #decide} answers every rule the command breaks (empty: accepted) and, when none,
	 * applies the command to this model.
	 */
	static final class Model {

		/** ISO 4217 minor units of the currencies the workloads use. */
		private static final Map<String, Integer> MINOR_UNITS = Map.of("USD", 2, "JPY", 0);

		record Account(String code, AccountType type, String currency, Set<AccountFlag> flags, long version,
				BigDecimal debitsPosted, BigDecimal creditsPosted, BigDecimal debitsPending,
				BigDecimal creditsPending) {

			Account move(Leg leg, String how) {
				BigDecimal a = leg.amount();
				boolean debit = leg.debit();
				switch (how) {
					case "post":
						return with(debit ? debitsPosted.add(a) : debitsPosted, debit ? creditsPosted : creditsPosted.add(a),
								debitsPending, creditsPending);
					case "reserve":
						return with(debitsPosted, creditsPosted, debit ? debitsPending.add(a) : debitsPending,
								debit ? creditsPending : creditsPending.add(a));
					case "release":
						return with(debitsPosted, creditsPosted, debit ? debitsPending.subtract(a) : debitsPending,
								debit ? creditsPending : creditsPending.subtract(a));
					default:
						throw new IllegalArgumentException(how);
				}
			}

			private Account with(BigDecimal dp, BigDecimal cp, BigDecimal dq, BigDecimal cq) {
				return new Account(code, type, currency, flags, version, dp, cp, dq, cq);
			}

			Account nextVersion() {
				return new Account(code, type, currency, flags, version + 1, debitsPosted, creditsPosted,
						debitsPending, creditsPending);
			}

			/** The no-overdraft rules, reservations counted. */
			boolean withinLimits() {
				if (flags.contains(AccountFlag.DEBITS_MUST_NOT_EXCEED_CREDITS)
						&& debitsPosted.add(debitsPending).compareTo(creditsPosted) > 0) {
					return false;
				}
				return !flags.contains(AccountFlag.CREDITS_MUST_NOT_EXCEED_DEBITS)
						|| creditsPosted.add(creditsPending).compareTo(debitsPosted) <= 0;
			}

		}

		record Leg(String code, boolean debit, BigDecimal amount, String currency) {
		}

		/** status: posted, pending, voided, expired or reversed. */
		record Transaction(UUID id, String status, List<Leg> legs, Instant expiresAt) {

			Transaction withStatus(String next) {
				return new Transaction(id, next, legs, expiresAt);
			}

		}

		final Map<String, Account> accounts = new LinkedHashMap<>();

		final Map<UUID, Transaction> transactions = new LinkedHashMap<>();

		Model copy() {
			Model copy = new Model();
			copy.accounts.putAll(accounts);
			copy.transactions.putAll(transactions);
			return copy;
		}

		static boolean fitsMinorUnits(BigDecimal amount, String currency) {
			Integer units = MINOR_UNITS.get(currency);
			return units != null && Math.max(0, amount.stripTrailingZeros().scale()) <= units;
		}

		Set<Code> decide(LedgerCommand command, Instant now) {
			if (command instanceof LedgerCommand.CreateAccount c) {
				return open(c);
			}
			if (command instanceof LedgerCommand.UpdateAccount c) {
				return accounts.containsKey(c.code().value()) ? Set.of() : Set.of(Code.ACCOUNT_NOT_FOUND);
			}
			if (command instanceof LedgerCommand.PostTransaction c) {
				return post(c, now);
			}
			if (command instanceof LedgerCommand.AtomicBatch c) {
				Model scratch = copy();
				for (LedgerCommand.PostTransaction item : c.transactions()) {
					Set<Code> violated = scratch.post(item, now);
					if (!violated.isEmpty()) {
						return violated;
					}
				}
				accounts.putAll(scratch.accounts);
				transactions.putAll(scratch.transactions);
				return Set.of();
			}
			if (command instanceof LedgerCommand.PostPending c) {
				return postPending(c, now);
			}
			if (command instanceof LedgerCommand.VoidPending c) {
				Transaction tx = transactions.get(c.transactionId());
				if (tx == null) {
					return Set.of(Code.TRANSACTION_NOT_FOUND);
				}
				if (!tx.status().equals("pending")) {
					return Set.of(Code.TRANSACTION_NOT_PENDING);
				}
				apply(List.of(Map.entry(tx.legs(), "release")), false);
				transactions.put(tx.id(), tx.withStatus("expired".equals(c.reason()) ? "expired" : "voided"));
				return Set.of();
			}
			if (command instanceof LedgerCommand.ReverseTransaction c) {
				return reverse(c);
			}
			throw new IllegalStateException("the model has no rule for " + command);
		}

		private Set<Code> open(LedgerCommand.CreateAccount c) {
			Set<Code> violated = EnumSet.noneOf(Code.class);
			String currency = c.currency() == null ? LEDGER_CURRENCY : c.currency();
			if (accounts.containsKey(c.code().value())) {
				violated.add(Code.ACCOUNT_ALREADY_EXISTS);
			}
			if (!MINOR_UNITS.containsKey(currency)) {
				violated.add(Code.UNKNOWN_CURRENCY);
			}
			if (c.parentCode() != null) {
				Account parent = accounts.get(c.parentCode().value());
				if (parent == null) {
					violated.add(Code.PARENT_ACCOUNT_NOT_FOUND);
				}
				else {
					if (!parent.currency().equals(currency)) {
						violated.add(Code.CURRENCY_MISMATCH);
					}
					if (parent.type() != c.type()) {
						violated.add(Code.VALIDATION_FAILED);
					}
				}
			}
			if (violated.isEmpty()) {
				accounts.put(c.code().value(), new Account(c.code().value(), c.type(), currency, Set.copyOf(c.flags()), 0,
						BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO));
			}
			return violated;
		}

		private Set<Code> post(LedgerCommand.PostTransaction c, Instant now) {
			Set<Code> violated = EnumSet.noneOf(Code.class);
			if (c.postings().size() < 2) {
				violated.add(Code.VALIDATION_FAILED);
			}
			if (c.pending() && c.expiresAt() != null && !c.expiresAt().isAfter(now)) {
				violated.add(Code.VALIDATION_FAILED);
			}
			List<Leg> legs = new ArrayList<>();
			for (PostingLine line : c.postings()) {
				Account account = accounts.get(line.account().value());
				if (account == null) {
					violated.add(Code.ACCOUNT_NOT_FOUND);
					continue;
				}
				if (line.currency() != null && !line.currency().equals(account.currency())) {
					violated.add(Code.CURRENCY_MISMATCH);
				}
				if (!fitsMinorUnits(line.amount(), account.currency())) {
					violated.add(Code.AMOUNT_PRECISION);
				}
				if (line.expectedVersion() != null && line.expectedVersion() != account.version()) {
					violated.add(Code.VERSION_CONFLICT);
				}
				legs.add(new Leg(account.code(), line.direction() == Direction.DEBIT, line.amount(), account.currency()));
			}
			if (!violated.isEmpty()) {
				return violated;
			}
			if (!balanced(legs)) {
				return Set.of(Code.DEBITS_NOT_EQUAL_CREDITS);
			}
			String how = c.pending() ? "reserve" : "post";
			if (!apply(List.of(Map.entry(legs, how)), true)) {
				return Set.of(Code.INSUFFICIENT_FUNDS);
			}
			transactions.put(c.transactionId(),
					new Transaction(c.transactionId(), c.pending() ? "pending" : "posted", legs, c.expiresAt()));
			return Set.of();
		}

		private Set<Code> postPending(LedgerCommand.PostPending c, Instant now) {
			Transaction tx = transactions.get(c.transactionId());
			if (tx == null) {
				return Set.of(Code.TRANSACTION_NOT_FOUND);
			}
			if (!tx.status().equals("pending") || (tx.expiresAt() != null && !tx.expiresAt().isAfter(now))) {
				return Set.of(Code.TRANSACTION_NOT_PENDING);
			}
			List<Leg> posted = tx.legs();
			if (c.amounts() != null) {
				if (c.amounts().size() != tx.legs().size()) {
					return Set.of(Code.VALIDATION_FAILED);
				}
				Set<Code> violated = EnumSet.noneOf(Code.class);
				posted = new ArrayList<>();
				for (int i = 0; i < c.amounts().size(); i++) {
					Leg original = tx.legs().get(i);
					BigDecimal amount = c.amounts().get(i);
					if (!fitsMinorUnits(amount, original.currency())) {
						violated.add(Code.AMOUNT_PRECISION);
					}
					if (amount.compareTo(original.amount()) > 0) {
						violated.add(Code.AMOUNT_EXCEEDS_PENDING);
					}
					posted.add(new Leg(original.code(), original.debit(), amount, original.currency()));
				}
				if (!violated.isEmpty()) {
					return violated;
				}
				if (!balanced(posted)) {
					return Set.of(Code.DEBITS_NOT_EQUAL_CREDITS);
				}
			}
			// Releasing a reservation and posting no more than it can only move a flagged account towards its limit's
			// safe side, so the rules do not check limits here; the invariant check after the step proves it.
			apply(List.of(Map.entry(tx.legs(), "release"), Map.entry(posted, "post")), false);
			transactions.put(tx.id(), new Transaction(tx.id(), "posted", posted, tx.expiresAt()));
			return Set.of();
		}

		private Set<Code> reverse(LedgerCommand.ReverseTransaction c) {
			Transaction original = transactions.get(c.transactionId());
			if (original == null) {
				return Set.of(Code.TRANSACTION_NOT_FOUND);
			}
			if (original.status().equals("reversed")) {
				return Set.of(Code.TRANSACTION_ALREADY_REVERSED);
			}
			if (!original.status().equals("posted")) {
				return Set.of(Code.TRANSACTION_NOT_POSTED);
			}
			List<Leg> mirror = new ArrayList<>();
			for (Leg leg : original.legs()) {
				mirror.add(new Leg(leg.code(), !leg.debit(), leg.amount(), leg.currency()));
			}
			if (!apply(List.of(Map.entry(mirror, "post")), true)) {
				return Set.of(Code.INSUFFICIENT_FUNDS);
			}
			transactions.put(original.id(), original.withStatus("reversed"));
			transactions.put(c.reversalId(), new Transaction(c.reversalId(), "posted", mirror, null));
			return Set.of();
		}

		/**
		 * Moves the legs in order; every touched account's version grows by one. With {@code enforceLimits}, applies
		 * nothing and answers false when a touched account would end past its no-overdraft limit.
		 */
		private boolean apply(List<Map.Entry<List<Leg>, String>> movements, boolean enforceLimits) {
			Map<String, Account> touched = new HashMap<>();
			for (Map.Entry<List<Leg>, String> movement : movements) {
				for (Leg leg : movement.getKey()) {
					Account account = touched.getOrDefault(leg.code(), accounts.get(leg.code()));
					touched.put(leg.code(), account.move(leg, movement.getValue()));
				}
			}
			for (Account account : touched.values()) {
				if (enforceLimits && !account.withinLimits()) {
					return false;
				}
			}
			touched.values().forEach(a -> accounts.put(a.code(), a.nextVersion()));
			return true;
		}

		private static boolean balanced(List<Leg> legs) {
			Map<String, BigDecimal> net = new HashMap<>();
			for (Leg leg : legs) {
				net.merge(leg.currency(), leg.debit() ? leg.amount() : leg.amount().negate(), BigDecimal::add);
			}
			Set<BigDecimal> nonZero = new HashSet<>();
			net.values().stream().filter(v -> v.signum() != 0).forEach(nonZero::add);
			return nonZero.isEmpty();
		}

	}

}
