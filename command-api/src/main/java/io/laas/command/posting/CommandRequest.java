package io.laas.command.posting;

import io.laas.command.ledger.LedgerCommand;

/**
 * One command as the HTTP edge hands it over.
 *
 * @param idempotencyKey the client's key, or null; with a key, the first answer is stored and replayed
 * @param requestHash a digest of the request (route and canonical body), compared on replay
 * @param responder renders the success answer from what was appended
 */
public record CommandRequest(LedgerCommand command, String idempotencyKey, String requestHash, Responder responder) {

	public static final int IDEMPOTENCY_KEY_LENGTH_MAX = 255;

}
