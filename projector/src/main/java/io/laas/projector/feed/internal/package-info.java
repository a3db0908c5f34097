/**
 * The consumer loop, topic creation and the dead-letter producer. Only {@code feed} uses this package.
 */
package io.laas.projector.feed.internal;
