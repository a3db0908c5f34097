package io.laas.command.tenancy;

import java.util.Map;
import java.util.UUID;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import io.laas.events.EventSerde;

/** Appends IAM and configuration changes to {@code audit_log}: who did what to which target. */
@Component
public class AuditLog {

	private final JdbcTemplate jdbc;

	public AuditLog(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	public void record(UUID orgId, UUID actorUserId, String actor, String action, String target,
			Map<String, ?> details) {
		jdbc.update("insert into audit_log (org_id, actor_user_id, actor, action, target, ip, details) "
				+ "values (?, ?, ?, ?, ?, ?, ?::jsonb)", orgId, actorUserId, actor, action, target, sourceAddress(),
				EventSerde.mapper().writeValueAsString(details));
	}

	/** The caller's address when recording within an HTTP request, else null (scheduled jobs). */
	private static String sourceAddress() {
		org.springframework.web.context.request.RequestAttributes attributes =
				org.springframework.web.context.request.RequestContextHolder.getRequestAttributes();
		if (attributes instanceof org.springframework.web.context.request.ServletRequestAttributes servlet) {
			return servlet.getRequest().getRemoteAddr();
		}
		return null;
	}

}
