package io.laas.command.ledger;

/**
 * A business rule said no. The code is stable and names the rule (it becomes the problem's {@code type} and
 * {@code code}); the field points at the input at fault; the detail is a sentence a person can act on.
 */
public record Rejection(Code code, String field, String detail) {

	public enum Code {

		VALIDATION_FAILED(400, "The request is not valid"),
		DEBITS_NOT_EQUAL_CREDITS(422, "Debits do not equal credits"),
		INSUFFICIENT_FUNDS(422, "Insufficient funds"),
		ACCOUNT_NOT_FOUND(422, "Account not found"),
		ACCOUNT_ALREADY_EXISTS(409, "Account already exists"),
		PARENT_ACCOUNT_NOT_FOUND(422, "Parent account not found"),
		CURRENCY_MISMATCH(422, "Currency mismatch"),
		AMOUNT_PRECISION(422, "Amount has more decimals than its currency allows"),
		UNKNOWN_CURRENCY(422, "Unknown currency"),
		VERSION_CONFLICT(409, "Account version conflict"),
		IDEMPOTENCY_KEY_REUSED(409, "Idempotency key reused with a different request"),
		TRANSACTION_NOT_FOUND(404, "Transaction not found"),
		TRANSACTION_NOT_PENDING(409, "Transaction is not pending"),
		TRANSACTION_NOT_POSTED(409, "Transaction is not posted"),
		TRANSACTION_ALREADY_REVERSED(409, "Transaction already reversed"),
		TRANSACTION_ALREADY_EXISTS(409, "Transaction already exists"),
		AMOUNT_EXCEEDS_PENDING(422, "Amount exceeds the pending amount"),
		BATCH_ITEM_REJECTED(422, "A transaction of the batch was rejected");

		private final int status;

		private final String title;

		Code(int status, String title) {
			this.status = status;
			this.title = title;
		}

		public int status() {
			return status;
		}

		public String title() {
			return title;
		}

		/** kebab-case, e.g. {@code debits-not-equal-credits}. */
		public String slug() {
			return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
		}

	}

	public static Rejection of(Code code, String field, String detail) {
		return new Rejection(code, field, detail);
	}

}
