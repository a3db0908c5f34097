package io.laas.command.tenancy;

import java.util.UUID;

/** Bodies of the management API ({@code /api}, dashboard sessions). */
final class ManagementRequests {

	private ManagementRequests() {
	}

	record CreateProject(UUID organizationId, String name, String code) {
	}

	record CreateLedger(UUID projectId, String name, String code, String currency) {
	}

	record AddMember(String email, String role) {
	}

	record ChangeRole(String role) {
	}

}
