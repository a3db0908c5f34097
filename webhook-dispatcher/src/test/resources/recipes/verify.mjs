// verify.mjs: verifies LaaS webhooks (Standard Webhooks, v1 = HMAC-SHA256) with node:crypto only.
import { createHmac, timingSafeEqual } from 'node:crypto';

// Requests signed longer ago (or further ahead) than this are refused: a captured request cannot be replayed.
const TOLERANCE_SECONDS = 5 * 60;

/**
 * @param {string} secret the endpoint's signing secret, "whsec_..."
 * @param {Record<string, string | string[] | undefined>} headers the request headers (lower-case names, as node:http gives them)
 * @param {Buffer} rawBody the request body, byte for byte as received: verify before JSON.parse
 * @param {number} [nowSeconds] the current unix time (for tests)
 * @returns {boolean} true if LaaS signed exactly this request recently; otherwise answer 401 and do nothing
 */
export function verifyWebhook(secret, headers, rawBody, nowSeconds = Math.floor(Date.now() / 1000)) {
  const id = headers['webhook-id'];
  const timestamp = headers['webhook-timestamp'];
  const signatures = headers['webhook-signature'];
  if (typeof id !== 'string' || typeof timestamp !== 'string' || typeof signatures !== 'string') {
    return false;
  }
  if (!/^[0-9]+$/.test(timestamp) || Math.abs(nowSeconds - Number(timestamp)) > TOLERANCE_SECONDS) {
    return false;
  }
  const key = Buffer.from(secret.startsWith('whsec_') ? secret.slice('whsec_'.length) : secret, 'base64');
  const expected = createHmac('sha256', key).update(`${id}.${timestamp}.`).update(rawBody).digest();
  let valid = false;
  // During a secret rotation the header carries two signatures (new secret, old secret): any one will do.
  for (const signature of signatures.split(' ')) {
    if (!signature.startsWith('v1,')) {
      continue;
    }
    const given = Buffer.from(signature.slice('v1,'.length), 'base64');
    // Constant-time comparison (timingSafeEqual throws on a length mismatch; an HMAC's length is no secret).
    if (given.length === expected.length && timingSafeEqual(given, expected)) {
      valid = true;
    }
  }
  return valid;
}
