/** The projector's Micrometer meters, exported on {@code /actuator/prometheus} (names in projector/README.md). */
package io.laas.projector.metrics;
