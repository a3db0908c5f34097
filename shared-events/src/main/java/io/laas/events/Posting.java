package io.laas.events;

import java.math.BigDecimal;
import java.util.Objects;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonFormat;

/**
 * One leg of a transaction as it appears in events. The amount is positive, exact, carries the currency's scale
 * and travels as a decimal string ("100.00"), never as a JSON number.
 */
public record Posting(UUID accountId, String accountCode, Direction direction,
		@JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal amount, String currency) {

	public Posting {
		Objects.requireNonNull(accountId, "account_id");
		Objects.requireNonNull(accountCode, "account_code");
		Objects.requireNonNull(direction, "direction");
		Objects.requireNonNull(amount, "amount");
		Objects.requireNonNull(currency, "currency");
		if (amount.signum() <= 0) {
			throw new IllegalArgumentException("posting amount must be positive: " + amount);
		}
		if (amount.scale() < 0) {
			throw new IllegalArgumentException("posting amount must have a non-negative scale: " + amount);
		}
	}

}
