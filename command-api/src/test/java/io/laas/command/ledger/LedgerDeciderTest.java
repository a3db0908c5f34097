package io.laas.command.ledger;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.laas.command.ledger.LedgerCommand.PostingLine;
import io.laas.events.Direction;
import io.laas.events.LedgerEvent;
import io.laas.events.TransactionPending;
import io.laas.events.TransactionPosted;

import static org.assertj.core.api.Assertions.assertThat;

/** The posting rules, without a database: each test names the rule it pins. */
class LedgerDeciderTest {

	private static final Instant NOW = Instant.parse("2026-11-24T12:00:00Z");

	private LedgerState ledger;

	private long sequence;

	@BeforeEach
	void ledger() {
		ledger = new LedgerState(LedgerState.empty("USD"));
		open("cash", AccountType.ASSET, "USD");
		open("revenue", AccountType.REVENUE, "USD");
		open("wallet", AccountType.LIABILITY, "USD", AccountFlag.DEBITS_MUST_NOT_EXCEED_CREDITS);
		open("yen", AccountType.ASSET, "JPY");
		open("yen_revenue", AccountType.REVENUE, "JPY");
	}

	@Test
	void post_isAccepted_whenDebitsEqualCredits_andMovesBothNormalBalancesUp() {
		accept(post(false, line("cash", Direction.DEBIT, "100.00"), line("revenue", Direction.CREDIT, "100.00")));

		assertThat(posted("cash")).isEqualByComparingTo("100.00");
		assertThat(posted("revenue")).isEqualByComparingTo("100.00");
	}

	@Test
	void post_isRejected_whenDebitsDoNotEqualCredits() {
		Rejection r = reject(post(false, line("cash", Direction.DEBIT, "100.00"), line("revenue", Direction.CREDIT, "99.99")));

		assertThat(r.code()).isEqualTo(Rejection.Code.DEBITS_NOT_EQUAL_CREDITS);
	}

	@Test
	void post_isRejected_whenEachCurrencyDoesNotBalanceOnItsOwn() {
		// 100 USD against 100 JPY: equal numbers, different money.
		Rejection r = reject(post(false, line("cash", Direction.DEBIT, "100"), line("yen_revenue", Direction.CREDIT, "100")));

		assertThat(r.code()).isEqualTo(Rejection.Code.DEBITS_NOT_EQUAL_CREDITS);
	}

	@Test
	void post_isRejected_whenAnAmountWouldNeedRounding() {
		assertThat(reject(post(false, line("yen", Direction.DEBIT, "10.5"), line("yen_revenue", Direction.CREDIT, "10.5")))
			.code()).isEqualTo(Rejection.Code.AMOUNT_PRECISION);
		assertThat(reject(post(false, line("cash", Direction.DEBIT, "0.001"), line("revenue", Direction.CREDIT, "0.001")))
			.field()).isEqualTo("postings[0].amount");
	}

	@Test
	void post_isRejected_whenAccountIsUnknown_orCurrencyDiffers() {
		assertThat(reject(post(false, line("cash", Direction.DEBIT, "1"), line("ghost", Direction.CREDIT, "1"))).code())
			.isEqualTo(Rejection.Code.ACCOUNT_NOT_FOUND);
		PostingLine euro = new PostingLine(1, new AccountCode("revenue"), Direction.CREDIT, new BigDecimal("1"), "EUR", null);
		assertThat(reject(post(false, line("cash", Direction.DEBIT, "1"), euro)).code())
			.isEqualTo(Rejection.Code.CURRENCY_MISMATCH);
	}

	@Test
	void noOverdraftFlag_refusesDebitsBeyondCredits_countingPendingReservations() {
		accept(post(false, line("cash", Direction.DEBIT, "50.00"), line("wallet", Direction.CREDIT, "50.00")));
		accept(post(true, line("wallet", Direction.DEBIT, "30.00"), line("cash", Direction.CREDIT, "30.00")));

		Rejection r = reject(post(false, line("wallet", Direction.DEBIT, "20.01"), line("cash", Direction.CREDIT, "20.01")));

		assertThat(r.code()).isEqualTo(Rejection.Code.INSUFFICIENT_FUNDS);
		accept(post(false, line("wallet", Direction.DEBIT, "20.00"), line("cash", Direction.CREDIT, "20.00")));
	}

	@Test
	void pending_canBePostedForLess_andReleasesTheRest() {
		accept(post(false, line("cash", Direction.DEBIT, "50.00"), line("wallet", Direction.CREDIT, "50.00")));
		UUID pending = ((TransactionPending) accept(
				post(true, line("wallet", Direction.DEBIT, "30.00"), line("cash", Direction.CREDIT, "30.00")))).transactionId();

		accept(new LedgerCommand.PostPending(pending, List.of(new BigDecimal("10.00"), new BigDecimal("10.00"))));

		AccountState wallet = ledger.account(new AccountCode("wallet")).orElseThrow();
		assertThat(wallet.balances().posted(Direction.CREDIT)).isEqualByComparingTo("40.00");
		assertThat(wallet.balances().pending(Direction.CREDIT)).isEqualByComparingTo("0");
		assertThat(reject(new LedgerCommand.VoidPending(pending, "voided")).code())
			.isEqualTo(Rejection.Code.TRANSACTION_NOT_PENDING);
	}

	@Test
	void reversal_mirrorsTheOriginal_once() {
		UUID original = ((TransactionPosted) accept(
				post(false, line("cash", Direction.DEBIT, "100.00"), line("revenue", Direction.CREDIT, "100.00")))).transactionId();

		accept(new LedgerCommand.ReverseTransaction(UUID.randomUUID(), original, null, Map.of()));

		assertThat(posted("cash")).isEqualByComparingTo("0");
		assertThat(reject(new LedgerCommand.ReverseTransaction(UUID.randomUUID(), original, null, Map.of())).code())
			.isEqualTo(Rejection.Code.TRANSACTION_ALREADY_REVERSED);
	}

	@Test
	void atomicBatch_appliesNothing_whenOneTransactionIsRejected() {
		LedgerCommand batch = new LedgerCommand.AtomicBatch(List.of(
				post(false, line("cash", Direction.DEBIT, "5.00"), line("revenue", Direction.CREDIT, "5.00")),
				post(false, line("cash", Direction.DEBIT, "5.00"), line("revenue", Direction.CREDIT, "4.00"))));

		Rejection r = reject(batch);

		assertThat(r.field()).isEqualTo("transactions[1].postings");
		assertThat(posted("cash")).isEqualByComparingTo("0");
	}

	@Test
	void expectedVersion_mismatch_isAVersionConflict() {
		PostingLine stale = new PostingLine(0, new AccountCode("cash"), Direction.DEBIT, BigDecimal.ONE, null, 7L);
		assertThat(reject(post(false, stale, line("revenue", Direction.CREDIT, "1"))).code())
			.isEqualTo(Rejection.Code.VERSION_CONFLICT);
	}

	private void open(String code, AccountType type, String currency, AccountFlag... flags) {
		accept(new LedgerCommand.CreateAccount(UUID.randomUUID(), new AccountCode(code), code, type, currency, null,
				Set.of(flags), Map.of()));
	}

	private static PostingLine line(String code, Direction direction, String amount) {
		return new PostingLine(-1, new AccountCode(code), direction, new BigDecimal(amount), null, null);
	}

	private static LedgerCommand.PostTransaction post(boolean pending, PostingLine... lines) {
		PostingLine[] indexed = new PostingLine[lines.length];
		for (int i = 0; i < lines.length; i++) {
			PostingLine l = lines[i];
			indexed[i] = new PostingLine(i, l.account(), l.direction(), l.amount(), l.currency(), l.expectedVersion());
		}
		return new LedgerCommand.PostTransaction(UUID.randomUUID(), null, null, Map.of(), null, pending, null,
				List.of(indexed));
	}

	private LedgerEvent accept(LedgerCommand command) {
		Decision decision = LedgerDecider.decide(command, ledger, NOW);
		assertThat(decision).isInstanceOf(Decision.Accepted.class);
		List<LedgerEvent> events = ((Decision.Accepted) decision).events();
		events.forEach(e -> ledger.apply(e, ++sequence));
		return events.get(events.size() - 1);
	}

	private Rejection reject(LedgerCommand command) {
		Decision decision = LedgerDecider.decide(command, ledger, NOW);
		assertThat(decision).isInstanceOf(Decision.Rejected.class);
		return ((Decision.Rejected) decision).rejection();
	}

	private BigDecimal posted(String code) {
		AccountState account = ledger.account(new AccountCode(code)).orElseThrow();
		return account.balances().posted(account.type().normalSide());
	}

}
