package io.laas.command.posting;

import java.time.Clock;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import io.laas.command.isolation.LedgerScope;
import io.laas.command.posting.internal.LedgerLanes;
import io.laas.command.web.ApiProblem;
import tools.jackson.databind.json.JsonMapper;

/** The one entry point for changing a ledger: queues the command in its ledger's lane and waits for its outcome. */
@Component
public class LedgerCommands implements DisposableBean {

	private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(LedgerCommands.class);

	/**
	 * @param workerCount threads running batches (different ledgers in parallel)
	 * @param batchSizeMax commands per database transaction
	 * @param timeoutMs how long a request waits for its batch before answering 503
	 */
	@ConfigurationProperties("laas.posting")
	public record Settings(Integer workerCount, Integer batchSizeMax, Long timeoutMs) {

		public Settings {
			workerCount = workerCount == null ? 8 : workerCount;
			batchSizeMax = batchSizeMax == null ? 256 : batchSizeMax;
			timeoutMs = timeoutMs == null ? 30_000L : timeoutMs;
			if (workerCount < 1 || batchSizeMax < 1 || timeoutMs < 1) {
				throw new IllegalArgumentException("laas.posting.* must be positive");
			}
		}

	}

	private final LedgerLanes lanes;

	private final Duration timeout;

	public LedgerCommands(JdbcTemplate jdbc, TransactionTemplate transactions, LedgerScope scope, JsonMapper json,
			Settings settings) {
		// Microsecond ticks: what Postgres stores, so an answer and the event row show the same instant.
		this.lanes = new LedgerLanes(jdbc, transactions, scope, json, Clock.tick(Clock.systemUTC(), Duration.ofNanos(1000)),
				settings.workerCount(),
				settings.batchSizeMax());
		this.timeout = Duration.ofMillis(settings.timeoutMs());
	}

	public Outcome execute(UUID ledgerId, CommandRequest request) {
		AcceptLog accepted = new AcceptLog(ledgerId);
		Outcome outcome = await(ledgerId, lanes.submit(ledgerId, accepted.watch(request)));
		accepted.log(java.util.List.of(outcome));
		return outcome;
	}

	/** Independent commands applied in one database transaction, each with its own outcome. */
	public java.util.List<Outcome> executeTogether(UUID ledgerId, java.util.List<CommandRequest> requests) {
		AcceptLog accepted = new AcceptLog(ledgerId);
		java.util.List<Outcome> outcomes = await(ledgerId,
				lanes.submitTogether(ledgerId, requests.stream().map(accepted::watch).toList()));
		accepted.log(outcomes);
		return outcomes;
	}

	private <T> T await(UUID ledgerId, java.util.concurrent.CompletableFuture<T> result) {
		try {
			return result.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (TimeoutException ex) {
			throw unavailable("The ledger did not answer in time; the command may still complete. "
					+ "Retry with the same idempotency key to learn its outcome.");
		}
		catch (ExecutionException ex) {
			log.error("ledger {}: command failed", ledgerId, ex.getCause());
			throw unavailable("The command could not be stored; nothing was written. Retry with the same idempotency key.");
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw unavailable("Interrupted; retry with the same idempotency key.");
		}
	}

	private static ApiProblem unavailable(String detail) {
		return new ApiProblem(503, "service-unavailable", "Service unavailable", detail, java.util.List.of());
	}

	@Override
	public void destroy() {
		lanes.close();
	}

}
