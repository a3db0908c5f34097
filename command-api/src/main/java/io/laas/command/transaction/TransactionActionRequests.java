package io.laas.command.transaction;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.laas.command.ledger.Money;
import io.laas.command.web.ApiProblem;
import io.laas.command.web.RequestLimits;

/** Bodies of the actions on an existing transaction. */
final class TransactionActionRequests {

	private TransactionActionRequests() {
	}

	/** {@code POST /v1/transactions/{id}/post}: optional smaller amounts, one per original posting, in order. */
	record PostPendingRequest(String idempotencyKey, List<String> amounts) {

		List<BigDecimal> checkedAmounts() {
			if (amounts == null) {
				return null;
			}
			List<BigDecimal> checked = new ArrayList<>();
			for (int i = 0; i < amounts.size(); i++) {
				try {
					checked.add(Money.parsePositive(RequestLimits.required(amounts.get(i), "amounts[" + i + "]")));
				}
				catch (IllegalArgumentException ex) {
					throw ApiProblem.invalid("amounts[" + i + "]", ex.getMessage());
				}
			}
			return checked;
		}

	}

	/** {@code POST /v1/transactions/{id}/void}. */
	record VoidRequest(String idempotencyKey) {
	}

	/** {@code POST /v1/transactions/{id}/reverse}. */
	record ReverseRequest(String idempotencyKey, String description, Map<String, String> metadata) {
	}

	/** {@code POST /v1/transaction-batches}. */
	record BatchRequest(String idempotencyKey, String mode, List<PostTransactionRequest> transactions) {
	}

}
