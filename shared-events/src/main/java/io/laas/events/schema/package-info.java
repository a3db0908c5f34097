/**
 * JSON Schemas (draft 2020-12) of the event contract, for consumers in any language: one for the envelope and one
 * per event type and schema version. {@link io.laas.events.schema.EventSchemas} generates them from the records
 * of {@code io.laas.events}; the generated files are kept in {@code src/main/resources/schemas/}, shipped in the jar
 * under {@code schemas/}, and pinned byte for byte by an approval test, so a change to a record cannot reach a
 * consumer without a visible schema change.
 */
package io.laas.events.schema;
