package io.laas.projector.support;

import java.util.UUID;

import io.laas.infra.TestInfra;

/**
 * A database of its own on the test server, for a test that replaces the whole {@code read_model} schema (a replay
 * swaps every table): the other test classes of the JVM keep theirs in the shared {@code laas} database.
 */
public final class OwnDatabase implements AutoCloseable {

	private final String name;

	private final String jdbcUrl;

	public OwnDatabase(String prefix) {
		this.name = prefix + "_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
		String url = TestInfra.get().jdbcUrl();
		this.jdbcUrl = url.substring(0, url.lastIndexOf('/') + 1) + this.name;
		new ReadModelDb().jdbc().execute("create database " + this.name);
	}

	public String jdbcUrl() {
		return this.jdbcUrl;
	}

	/** The argument that points a projector started by {@link Projectors} at this database. */
	public String datasourceArgument() {
		return "--spring.datasource.url=" + this.jdbcUrl;
	}

	public ReadModelDb db() {
		return new ReadModelDb(this.jdbcUrl);
	}

	@Override
	public void close() {
		new ReadModelDb().jdbc().execute("drop database if exists " + this.name + " with (force)");
	}

}
