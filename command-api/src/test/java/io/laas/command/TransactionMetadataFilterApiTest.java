package io.laas.command;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code GET /v1/transactions?metadata_key&metadata_value}, read from the real projector's read model. */
class TransactionMetadataFilterApiTest extends SessionTestSupport {

	@BeforeAll
	static void projector() {
		RunningProjector.ensureStarted();
	}

	private long lastSequence;

	@BeforeEach
	void transactions() {
		openAccount("cash", "asset");
		openAccount("revenue", "revenue");
		post("/v1/transactions", withMetadata("a", "{\"order\":\"o-1\",\"channel\":\"web\"}"));
		post("/v1/transactions", withMetadata("b", "{\"order\":\"o-2\",\"channel\":\"web\"}"));
		post("/v1/transactions", withMetadata("c", "{\"order\":\"o-3\",\"channel\":\"pos\",\"flagged\":\"\"}"));
		lastSequence = post("/v1/transactions", withMetadata("d", "{}")).json().path("sequence").asLong();
		assertThat(get("/v1/accounts/cash?min_sequence=" + lastSequence).status()).isEqualTo(200);
	}

	@Test
	void aKeyAndValue_selectTheTransactionsWhoseMetadataHasThem() {
		assertThat(keys(get("/v1/transactions?metadata_key=channel&metadata_value=web"))).containsExactly("b", "a");
		assertThat(keys(get("/v1/transactions?metadata_key=order&metadata_value=o-3"))).containsExactly("c");
		assertThat(keys(get("/v1/transactions?metadata_key=order&metadata_value=o-4"))).isEmpty();
	}

	@Test
	void aKeyWithoutValue_matchesTheEmptyValue_asTheAccountListDoes() {
		assertThat(keys(get("/v1/transactions?metadata_key=flagged"))).containsExactly("c");
	}

	@Test
	void theMetadataFilter_combinesWithTheOthers_andPages() {
		assertThat(keys(get("/v1/transactions?metadata_key=channel&metadata_value=web&account=cash&status=posted")))
			.containsExactly("b", "a");
		Response first = get("/v1/transactions?metadata_key=channel&metadata_value=web&limit=1");
		assertThat(keys(first)).containsExactly("b");
		String cursor = first.json().path("next_cursor").asString();
		assertThat(keys(get("/v1/transactions?metadata_key=channel&metadata_value=web&limit=1&cursor=" + cursor)))
			.containsExactly("a");
	}

	@Test
	void theDashboardList_filtersByMetadataToo() {
		Session owner = session(ownerEmail(), logInAs(ownerEmail(), "correct horse battery staple"));

		Response response = call(owner, "GET",
				"/api/ledgers/" + ledger.id() + "/transactions?metadata_key=channel&metadata_value=pos", null);

		assertThat(response.status()).as(response.body()).isEqualTo(200);
		assertThat(keys(response)).containsExactly("c");
	}

	private String ownerEmail() {
		return jdbc.queryForObject("select u.email from users u join org_users m on m.user_id = u.id "
				+ "where m.org_id = ? and m.role = 'owner'", String.class, ledger.orgId());
	}

	/** The transactions of a page by their description (one letter each), in the order the API answered. */
	private static List<String> keys(Response response) {
		assertThat(response.status()).as(response.body()).isEqualTo(200);
		List<String> keys = new ArrayList<>();
		for (JsonNode transaction : response.json().path("data")) {
			keys.add(transaction.path("description").asString());
		}
		return keys;
	}

	private static String withMetadata(String key, String metadata) {
		return """
				{"idempotency_key": "%s", "description": "%s", "metadata": %s, "postings": [
				  {"account_code": "cash", "direction": "debit", "amount": "1.00"},
				  {"account_code": "revenue", "direction": "credit", "amount": "1.00"}]}
				""".formatted(key, key, metadata);
	}

}
