package io.laas.infra.chaos;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;

import io.laas.events.EventEnvelope;
import io.laas.events.EventSerde;
import io.laas.events.Topics;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Proves, once the load is over and the pipeline has drained (bounded wait), what the client was promised:
 * every 2xx is in {@code events} exactly once, no 4xx left a trace, every event row reached the topic (duplicates
 * counted), every balance equals the sum of its postings and the write side, debits equal credits per ledger and
 * currency, and the webhook receiver saw every event at least once (duplicates counted).
 */
final class Checker {

	/** A violation is anything the suite promises not to happen; figures are what it measured. */
	record Report(Map<String, Object> figures, List<String> violations) {
	}

	private static final int EXAMPLES_MAX = 5;

	private final Stack stack;

	private final ClientLog log;

	private final WebhookReceiver receiver;

	private final long webhookBaseline;

	private final String prefix;

	private final Map<String, Object> figures = new LinkedHashMap<>();

	private final List<String> violations = new ArrayList<>();

	Checker(Stack stack, ClientLog log, WebhookReceiver receiver, long webhookBaseline, String prefix) {
		this.stack = stack;
		this.log = log;
		this.receiver = receiver;
		this.webhookBaseline = webhookBaseline;
		this.prefix = prefix;
	}

	Report run(Duration drainMax) throws SQLException {
		Instant started = Instant.now();
		boolean drained = drain(drainMax);
		this.figures.put("drain wait", String.format("%.1f s%s", Duration.between(started, Instant.now()).toMillis()
				/ 1000.0, drained ? "" : " (not drained: the checks below say what is missing)"));
		try (Connection db = this.stack.connect()) {
			Map<UUID, EventRow> events = events(db);
			checkClientLog(db, events);
			checkTopic(events);
			checkBalances(db);
			checkTransactions(db);
			checkWebhooks(db, events);
		}
		return new Report(this.figures, this.violations);
	}

	record EventRow(UUID id, UUID ledgerId, long sequence, String aggregateId, String idempotencyKey) {
	}

	// --- drain ---------------------------------------------------------------------------------------------------

	private boolean drain(Duration max) {
		Instant deadline = Instant.now().plus(max);
		while (Instant.now().isBefore(deadline)) {
			try (Connection db = this.stack.connect()) {
				if (projectionCaughtUp(db) && webhooksComplete(db)) {
					return true;
				}
			}
			catch (SQLException ex) {
				// The database may still be recovering; try again.
			}
			Pause.millis(500);
		}
		return false;
	}

	private boolean projectionCaughtUp(Connection db) throws SQLException {
		return count(db, "select count(*) from ledgers l left join read_model.ledger_progress p on p.ledger_id = l.id "
				+ "where l.last_sequence > 0 and (p.ledger_id is null or p.last_sequence <> l.last_sequence "
				+ "or p.halted_sequence is not null)") == 0;
	}

	private boolean webhooksComplete(Connection db) throws SQLException {
		Map<String, Integer> seen = this.receiver.deliveries();
		try (PreparedStatement ps = db.prepareStatement(
				"select id from events where ledger_id = ?::uuid and sequence > ?")) {
			ps.setString(1, this.stack.ledgerId());
			ps.setLong(2, this.webhookBaseline);
			try (ResultSet rs = ps.executeQuery()) {
				while (rs.next()) {
					if (!seen.containsKey(rs.getString(1))) {
						return false;
					}
				}
			}
		}
		return true;
	}

	// --- events and the client's log ------------------------------------------------------------------------------

	private Map<UUID, EventRow> events(Connection db) throws SQLException {
		Map<UUID, EventRow> events = new HashMap<>();
		try (PreparedStatement ps = db.prepareStatement(
				"select id, ledger_id, sequence, aggregate_id, idempotency_key from events");
				ResultSet rs = ps.executeQuery()) {
			while (rs.next()) {
				EventRow row = new EventRow(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), rs.getLong(3),
						rs.getString(4), rs.getString(5));
				events.put(row.id(), row);
			}
		}
		this.figures.put("events in table", events.size());
		return events;
	}

	private void checkClientLog(Connection db, Map<UUID, EventRow> events) throws SQLException {
		UUID ledger = UUID.fromString(this.stack.ledgerId());
		Map<String, EventRow> byKey = new HashMap<>();
		Map<Long, EventRow> bySequence = new HashMap<>();
		for (EventRow e : events.values()) {
			if (e.ledgerId().equals(ledger)) {
				bySequence.put(e.sequence(), e);
				if (e.idempotencyKey() != null) {
					byKey.put(e.idempotencyKey(), e);
				}
			}
		}
		Map<String, Integer> written = externalIdCounts(db, "transactions");
		Map<String, Integer> projected = externalIdCounts(db, "read_model.transactions");
		int ok = 0;
		int clientErrors = 0;
		int insufficient = 0;
		int undecided = 0;
		int attempts = 0;
		int lost = 0;
		int doubled = 0;
		int traces = 0;
		int wrongAnswers = 0;
		for (ClientLog.Entry entry : this.log.entries()) {
			attempts += entry.attempts();
			if (entry.status() == 0) {
				undecided++;
				violation("no definitive answer for " + entry.key() + " (" + entry.kind() + ")");
				continue;
			}
			if (entry.ok()) {
				ok++;
				if (!entry.expectedValid()) {
					wrongAnswers++;
					violation("invalid request " + entry.key() + " was answered " + entry.status());
				}
				EventRow keyed = byKey.get(entry.key());
				if (!"batch".equals(entry.kind()) && keyed == null) {
					lost++;
					violation("2xx " + entry.key() + " (" + entry.kind() + ") has no event with its idempotency key");
				}
				for (ClientLog.Recorded r : entry.recorded()) {
					EventRow atSequence = bySequence.get(r.sequence());
					if (atSequence == null || !atSequence.aggregateId().equals(r.id())) {
						lost++;
						violation("2xx " + entry.key() + ": sequence " + r.sequence() + " does not hold transaction "
								+ r.id() + " (found " + atSequence + ")");
					}
				}
				for (String externalId : entry.externalIds()) {
					int w = written.getOrDefault(externalId, 0);
					int p = projected.getOrDefault(externalId, 0);
					if (w != 1 || p != 1) {
						if (w == 0 || p == 0) {
							lost++;
						}
						else {
							doubled++;
						}
						violation("2xx " + entry.key() + ": external id " + externalId + " is on " + w
								+ " write-side and " + p + " projected transactions (expected 1 and 1)");
					}
				}
			}
			else if (entry.clientError()) {
				clientErrors++;
				boolean allowed = !entry.expectedValid()
						|| (entry.problem() != null && entry.problem().toLowerCase().contains("insufficient"));
				if (entry.expectedValid() && allowed) {
					insufficient++;
				}
				if (!allowed) {
					wrongAnswers++;
					violation("valid request " + entry.key() + " (" + entry.kind() + ") was refused " + entry.status()
							+ ": " + entry.problem());
				}
				if (byKey.containsKey(entry.key())) {
					traces++;
					violation("4xx " + entry.key() + " left event " + byKey.get(entry.key()).id());
				}
				for (String externalId : entry.externalIds()) {
					if (written.containsKey(externalId) || projected.containsKey(externalId)) {
						traces++;
						violation("4xx " + entry.key() + " left a transaction with external id " + externalId);
					}
				}
			}
			else {
				wrongAnswers++;
				violation("unexpected status " + entry.status() + " for " + entry.key());
			}
		}
		this.figures.put("requests (distinct)", this.log.entries().size());
		this.figures.put("HTTP attempts (incl. retries)", attempts);
		this.figures.put("answered 2xx", ok);
		this.figures.put("answered 4xx", clientErrors + " (" + insufficient
				+ " insufficient funds on no-overdraft accounts, the rest invalid on purpose)");
		this.figures.put("without a definitive answer", undecided);
		this.figures.put("2xx lost", lost);
		this.figures.put("2xx doubled", doubled);
		this.figures.put("4xx that left a trace", traces);
		this.figures.put("answers not as expected", wrongAnswers);
	}

	private Map<String, Integer> externalIdCounts(Connection db, String table) throws SQLException {
		Map<String, Integer> counts = new HashMap<>();
		try (PreparedStatement ps = db.prepareStatement("select external_id, count(*) from " + table
				+ " where ledger_id = ?::uuid and external_id like ? group by external_id")) {
			ps.setString(1, this.stack.ledgerId());
			ps.setString(2, this.prefix + "-%");
			try (ResultSet rs = ps.executeQuery()) {
				while (rs.next()) {
					counts.put(rs.getString(1), rs.getInt(2));
				}
			}
		}
		return counts;
	}

	// --- the topic -------------------------------------------------------------------------------------------------

	private void checkTopic(Map<UUID, EventRow> events) {
		Properties config = new Properties();
		config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, this.stack.kafkaBootstrap());
		config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
		config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
		config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
		config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5_000);
		Map<UUID, Integer> seen = new HashMap<>();
		long records = 0;
		int unreadable = 0;
		int mismatched = 0;
		try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config)) {
			List<TopicPartition> partitions = new ArrayList<>();
			for (PartitionInfo info : consumer.partitionsFor(Topics.LEDGER_EVENTS, Duration.ofSeconds(30))) {
				partitions.add(new TopicPartition(info.topic(), info.partition()));
			}
			consumer.assign(partitions);
			consumer.seekToBeginning(partitions);
			Map<TopicPartition, Long> end = consumer.endOffsets(partitions, Duration.ofSeconds(30));
			Instant deadline = Instant.now().plus(Duration.ofMinutes(3));
			while (!reached(consumer, end) && Instant.now().isBefore(deadline)) {
				for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
					records++;
					EventEnvelope envelope;
					try {
						envelope = EventSerde.fromBytes(record.value());
					}
					catch (RuntimeException ex) {
						unreadable++;
						violation("unreadable record at " + record.topic() + "-" + record.partition() + "@"
								+ record.offset() + ": " + ex.getMessage());
						continue;
					}
					seen.merge(envelope.eventId(), 1, Integer::sum);
					EventRow row = events.get(envelope.eventId());
					if (row != null && (!row.ledgerId().equals(envelope.ledgerId())
							|| row.sequence() != envelope.sequence())) {
						mismatched++;
						violation("event " + envelope.eventId() + " on the topic says " + envelope.ledgerId() + "#"
								+ envelope.sequence() + ", the table " + row.ledgerId() + "#" + row.sequence());
					}
				}
			}
			if (!reached(consumer, end)) {
				violation("could not read the topic to its end within 3 minutes");
			}
		}
		int missing = 0;
		for (UUID id : events.keySet()) {
			if (!seen.containsKey(id)) {
				missing++;
				violation("event " + id + " (" + events.get(id).ledgerId() + "#" + events.get(id).sequence()
						+ ") never reached the topic");
			}
		}
		int unknown = 0;
		for (UUID id : seen.keySet()) {
			if (!events.containsKey(id)) {
				unknown++;
				violation("event " + id + " is on the topic but not in the events table");
			}
		}
		this.figures.put("records on topic", records);
		this.figures.put("distinct events on topic", seen.size());
		this.figures.put("topic duplicates (at-least-once relay)", records - unreadable - seen.size());
		this.figures.put("events missing from topic", missing);
		this.figures.put("topic events not in table / mismatched / unreadable",
				unknown + " / " + mismatched + " / " + unreadable);
	}

	private static boolean reached(KafkaConsumer<byte[], byte[]> consumer, Map<TopicPartition, Long> end) {
		for (Map.Entry<TopicPartition, Long> e : end.entrySet()) {
			if (consumer.position(e.getKey()) < e.getValue()) {
				return false;
			}
		}
		return true;
	}

	// --- balances ------------------------------------------------------------------------------------------------

	private void checkBalances(Connection db) throws SQLException {
		int accounts = count(db, "select count(*) from accounts");
		List<String> writeVsRead = examples(db, "select a.ledger_id || '/' || a.code || ' write ' || a.debits_posted || ' '"
				+ " || a.credits_posted || ' ' || a.debits_pending || ' ' || a.credits_pending || ' read ' "
				+ "|| coalesce(r.debits_posted::text, 'absent') || ' ' || coalesce(r.credits_posted::text, '') || ' ' "
				+ "|| coalesce(r.debits_pending::text, '') || ' ' || coalesce(r.credits_pending::text, '') "
				+ "from accounts a left join read_model.accounts r on r.account_id = a.id "
				+ "where r.account_id is null or a.debits_posted <> r.debits_posted or a.credits_posted <> r.credits_posted "
				+ "or a.debits_pending <> r.debits_pending or a.credits_pending <> r.credits_pending");
		int projectedOnly = count(db, "select count(*) from read_model.accounts r where not exists "
				+ "(select 1 from accounts a where a.id = r.account_id)");
		List<String> readVsPostings = examples(db, "with s as (select ledger_id, account_code, "
				+ "coalesce(sum(amount) filter (where status = 'posted' and direction = 'debit'), 0) dp, "
				+ "coalesce(sum(amount) filter (where status = 'posted' and direction = 'credit'), 0) cp, "
				+ "coalesce(sum(case status when 'pending' then amount when 'released' then -amount end) "
				+ "filter (where direction = 'debit'), 0) dpe, "
				+ "coalesce(sum(case status when 'pending' then amount when 'released' then -amount end) "
				+ "filter (where direction = 'credit'), 0) cpe "
				+ "from read_model.postings group by ledger_id, account_code) "
				+ "select r.ledger_id || '/' || r.code || ' read ' || r.debits_posted || ' ' || r.credits_posted || ' ' "
				+ "|| r.debits_pending || ' ' || r.credits_pending || ' postings ' || coalesce(s.dp, 0) || ' ' "
				+ "|| coalesce(s.cp, 0) || ' ' || coalesce(s.dpe, 0) || ' ' || coalesce(s.cpe, 0) "
				+ "from read_model.accounts r left join s on s.ledger_id = r.ledger_id and s.account_code = r.code "
				+ "where r.debits_posted <> coalesce(s.dp, 0) or r.credits_posted <> coalesce(s.cp, 0) "
				+ "or r.debits_pending <> coalesce(s.dpe, 0) or r.credits_pending <> coalesce(s.cpe, 0)");
		List<String> unbalanced = examples(db, "select ledger_id || ' ' || currency || ' posted debits - credits = ' "
				+ "|| (sum(debits_posted) - sum(credits_posted)) || ', pending = ' "
				+ "|| (sum(debits_pending) - sum(credits_pending)) from accounts group by ledger_id, currency "
				+ "having sum(debits_posted) <> sum(credits_posted) or sum(debits_pending) <> sum(credits_pending)");
		List<String> unbalancedPostings = examples(db, "select ledger_id || ' ' || currency || ' ' || status "
				+ "|| ' debits - credits = ' || (sum(amount) filter (where direction = 'debit') - "
				+ "sum(amount) filter (where direction = 'credit')) from read_model.postings "
				+ "group by ledger_id, currency, status having coalesce(sum(amount) filter (where direction = 'debit'), 0) "
				+ "<> coalesce(sum(amount) filter (where direction = 'credit'), 0)");
		int ledgersAndCurrencies = count(db, "select count(*) from (select distinct ledger_id, currency from accounts) x");
		this.figures.put("accounts checked (all ledgers)", accounts);
		this.figures.put("drift write side vs projection", writeVsRead.size() + projectedOnly);
		this.figures.put("drift projection vs sum of postings", readVsPostings.size());
		this.figures.put("ledger x currency pairs with debits != credits",
				(unbalanced.size() + unbalancedPostings.size()) + " of " + ledgersAndCurrencies);
		writeVsRead.forEach(e -> violation("write side and projection differ: " + e));
		if (projectedOnly > 0) {
			violation(projectedOnly + " projected accounts do not exist on the write side");
		}
		readVsPostings.forEach(e -> violation("projected balance is not the sum of its postings: " + e));
		unbalanced.forEach(e -> violation("write side debits != credits: " + e));
		unbalancedPostings.forEach(e -> violation("projected postings debits != credits: " + e));
	}

	private void checkTransactions(Connection db) throws SQLException {
		List<String> differ = examples(db, "select w.id || ' write ' || w.status || ' read ' || coalesce(r.status, 'absent') "
				+ "from transactions w left join read_model.transactions r on r.transaction_id = w.id "
				+ "where r.transaction_id is null or r.status <> case w.status when 'expired' then 'voided' else w.status end");
		int projectedOnly = count(db, "select count(*) from read_model.transactions r where not exists "
				+ "(select 1 from transactions w where w.id = r.transaction_id)");
		this.figures.put("transactions write side / projected",
				count(db, "select count(*) from transactions") + " / " + count(db, "select count(*) from read_model.transactions"));
		this.figures.put("transactions whose status differs between the sides", differ.size() + projectedOnly);
		differ.forEach(e -> violation("transaction differs between write side and projection: " + e));
		if (projectedOnly > 0) {
			violation(projectedOnly + " projected transactions do not exist on the write side");
		}
	}

	// --- webhooks ------------------------------------------------------------------------------------------------

	private void checkWebhooks(Connection db, Map<UUID, EventRow> events) throws SQLException {
		Map<String, Integer> seen = this.receiver.deliveries();
		UUID ledger = UUID.fromString(this.stack.ledgerId());
		int expected = 0;
		int missing = 0;
		Set<String> ledgerEventIds = new HashSet<>();
		for (EventRow e : events.values()) {
			if (e.ledgerId().equals(ledger)) {
				ledgerEventIds.add(e.id().toString());
			}
			if (e.ledgerId().equals(ledger) && e.sequence() > this.webhookBaseline) {
				expected++;
				if (!seen.containsKey(e.id().toString())) {
					missing++;
					if (missing <= EXAMPLES_MAX) {
						violation("webhook receiver never saw event " + e.id() + " (sequence " + e.sequence() + ")");
					}
				}
			}
		}
		if (missing > EXAMPLES_MAX) {
			violation("... and " + (missing - EXAMPLES_MAX) + " more events the webhook receiver never saw");
		}
		int unknown = 0;
		for (String id : seen.keySet()) {
			// Events recorded shortly before the endpoint was created may be delivered too (the dispatcher's backfill).
			if (!ledgerEventIds.contains(id)) {
				unknown++;
			}
		}
		if (unknown > 0) {
			violation(unknown + " webhook deliveries carried ids that are not events of the ledger");
		}
		if (this.receiver.badSignatures() > 0) {
			violation(this.receiver.badSignatures() + " webhook deliveries had no valid signature");
		}
		long received = this.receiver.received();
		this.figures.put("webhook events expected", expected);
		this.figures.put("webhook deliveries received", received);
		this.figures.put("webhook distinct events (incl. backfilled older ones)", seen.size());
		this.figures.put("webhook duplicates", seen.values().stream().mapToInt(v -> v - 1).sum());
		this.figures.put("webhook events missing", missing);
		this.figures.put("webhook bad signatures / unknown ids", this.receiver.badSignatures() + " / " + unknown);
		this.figures.put("dispatcher deliveries by status", examples(db,
				"select status || '=' || count(*) from webhooks.deliveries group by status order by status"));
	}

	// --- helpers -------------------------------------------------------------------------------------------------

	private void violation(String text) {
		this.violations.add(text);
	}

	private static int count(Connection db, String sql) throws SQLException {
		try (PreparedStatement ps = db.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
			rs.next();
			return rs.getInt(1);
		}
	}

	/** All rows of a one-column query (the checks return at most a few, the examples of what went wrong). */
	private static List<String> examples(Connection db, String sql) throws SQLException {
		List<String> rows = new ArrayList<>();
		try (PreparedStatement ps = db.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
			while (rs.next()) {
				rows.add(rs.getString(1));
			}
		}
		return rows;
	}

}
