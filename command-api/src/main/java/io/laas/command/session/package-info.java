/**
 * Dashboard sessions: sign-up, log-in, log-out, and the filter that authenticates {@code /api} requests by a
 * short-lived HS256 JWT in an httpOnly cookie, with a double-submit CSRF token bound to that JWT.
 */
package io.laas.command.session;
