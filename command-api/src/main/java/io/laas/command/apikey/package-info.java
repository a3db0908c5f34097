/**
 * API keys: how backend services authenticate to the public API ({@code /v1}). A key belongs to one ledger; only
 * its HMAC-SHA256 hash and a short prefix are stored, the raw key is shown once at creation.
 */
package io.laas.command.apikey;
