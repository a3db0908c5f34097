/**
 * The read-model schema the projector owns ({@code read_model}): its Flyway migrations under
 * {@code classpath:db/projector} and the list of its tables. command-api's read endpoints query these tables
 * directly, so their shape is a contract documented in {@code projector/README.md}.
 */
package io.laas.projector.readmodel;
