package io.laas.infra.chaos;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import tools.jackson.databind.json.JsonMapper;

/**
 * The client's own record of every definitive answer, one JSON object per line: what the checker holds the stack
 * to. Kept in memory for the checker and appended to a file for a post-mortem.
 */
final class ClientLog implements AutoCloseable {

	/** A transaction an answer says was recorded. */
	record Recorded(String id, long sequence) {
	}

	/**
	 * @param kind post, pending, post-pending, void, reverse, batch, account, invalid
	 * @param expectedValid whether the workload meant the request to be accepted (invalid ones must be 4xx)
	 * @param externalIds the external ids the request carried (a 4xx must leave no transaction with them)
	 * @param problem the start of the answer's body when it was not a 2xx
	 */
	record Entry(String key, String kind, boolean expectedValid, int status, int attempts, List<Recorded> recorded,
			List<String> externalIds, String problem) {

		boolean ok() {
			return this.status >= 200 && this.status < 300;
		}

		boolean clientError() {
			return this.status >= 400 && this.status < 500;
		}

	}

	private final JsonMapper json = JsonMapper.builder().build();

	private final List<Entry> entries = new ArrayList<>();

	private final BufferedWriter out;

	ClientLog(Path file) {
		try {
			Files.createDirectories(file.toAbsolutePath().getParent());
			this.out = Files.newBufferedWriter(file);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	synchronized void add(Entry entry) {
		this.entries.add(entry);
		try {
			this.out.write(this.json.writeValueAsString(entry));
			this.out.newLine();
			// A line per answer on disk as it comes: a harness that dies still leaves its log to read.
			this.out.flush();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	synchronized List<Entry> entries() {
		return List.copyOf(this.entries);
	}

	@Override
	public synchronized void close() {
		try {
			this.out.close();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
