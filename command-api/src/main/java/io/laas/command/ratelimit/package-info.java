/** Rate limits: per API key, per source address on sign-up and log-in, and per e-mail on failed log-ins. */
package io.laas.command.ratelimit;
