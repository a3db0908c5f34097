package io.laas.command;

import org.junit.jupiter.api.Test;

import static io.laas.command.RejectionCodesApiTest.assertRefused;
import static org.assertj.core.api.Assertions.assertThat;

/** Refusals of the management API ({@code /api}) not pinned elsewhere: taken codes and throttled log-ins. */
class ManagementRejectionsApiTest extends SessionTestSupport {

	@Test
	void aProjectOrLedgerCodeUsedTwice_isCodeTaken_andWritesNothing() {
		Session owner = signUp();
		String orgId = firstOrg(owner);
		String projectId = call(owner, "POST", "/api/projects",
				"{\"organization_id\":\"" + orgId + "\",\"name\":\"P\",\"code\":\"payments\"}").json().path("id").asString();
		call(owner, "POST", "/api/ledgers",
				"{\"project_id\":\"" + projectId + "\",\"name\":\"L\",\"code\":\"main\",\"currency\":\"USD\"}");

		assertRefused(call(owner, "POST", "/api/projects",
				"{\"organization_id\":\"" + orgId + "\",\"name\":\"Again\",\"code\":\"payments\"}"), 409, "code-taken", "code");
		assertRefused(call(owner, "POST", "/api/ledgers",
				"{\"project_id\":\"" + projectId + "\",\"name\":\"Again\",\"code\":\"main\",\"currency\":\"USD\"}"), 409,
				"code-taken", "code");

		assertThat(jdbc.queryForObject("select count(*) from projects where org_id = ?::uuid", Long.class, orgId)).isEqualTo(1);
		assertThat(jdbc.queryForObject("select count(*) from ledgers where org_id = ?::uuid", Long.class, orgId)).isEqualTo(1);
	}

	@Test
	void aMissingRequiredQueryParameter_isBadRequest() {
		Session owner = signUp();

		assertRefused(call(owner, "GET", "/api/projects", null), 400, "bad-request", null);
	}

	@Test
	void logInsAfterFiveFailures_areRateLimited() {
		Session user = signUp();
		for (int i = 0; i < 5; i++) {
			response(raw(java.net.http.HttpRequest.newBuilder(uri("/api/auth/login"))
				.header("Content-Type", "application/json")
				.POST(java.net.http.HttpRequest.BodyPublishers.ofString(
						"{\"email\":\"" + user.email() + "\",\"password\":\"a wrong password\"}"))
				.build()));
		}

		Response throttled = response(logInAs(user.email()));

		assertRefused(throttled, 429, "rate-limited", null);
	}

}
