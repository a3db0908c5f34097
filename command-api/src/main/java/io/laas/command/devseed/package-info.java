/** Demo data for the local stack ({@code ./laas up}); off unless {@code laas.dev.seed.enabled=true}. */
package io.laas.command.devseed;
