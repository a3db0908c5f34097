package io.laas.projector.readmodel;

/**
 * The guard between the live projector and a replay's swap: a PostgreSQL advisory lock in the two-integer key space
 * (which the projector's per-ledger bigint locks never share). Every live batch takes it in shared mode, at the
 * start of its transaction; a replay takes it exclusively for the transaction that renames the schemas. So the swap
 * waits for the live batches in flight, no live batch writes while it runs, and the next live batch, which waited,
 * resolves {@code read_model.*} to the swapped-in tables. Readers (command-api) take no part: they see the old tables
 * or the new ones, never a mix within a statement.
 */
public final class ReadModelSwap {

	/** {@code 'LAAS'} in ASCII. */
	static final int CLASS_KEY = 0x4C414153;

	static final int SWAP_KEY = 1;

	public static final String SHARED_GUARD = "select pg_advisory_xact_lock_shared(" + CLASS_KEY + ", " + SWAP_KEY + ")";

	public static final String EXCLUSIVE_GUARD = "select pg_advisory_xact_lock(" + CLASS_KEY + ", " + SWAP_KEY + ")";

	private ReadModelSwap() {
	}

}
