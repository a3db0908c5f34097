/**
 * Transactions over the public API: post (immediately or pending), post or void a pending one, reverse a posted
 * one, and read them back from the read model.
 */
package io.laas.command.transaction;
