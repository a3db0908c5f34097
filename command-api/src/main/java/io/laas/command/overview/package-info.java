/** What the dashboard shows about a ledger as a whole: totals, projection health (lag, drift), the event log. */
package io.laas.command.overview;
