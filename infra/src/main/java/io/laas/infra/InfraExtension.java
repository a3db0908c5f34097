package io.laas.infra;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * {@code @ExtendWith(InfraExtension.class)}: starts (once per JVM) the real PostgreSQL and Kafka of
 * {@link TestInfra} before the test class and its Spring context, and points Spring at them.
 */
public final class InfraExtension implements BeforeAllCallback {

	@Override
	public void beforeAll(ExtensionContext context) {
		TestInfra.get().exportSpringProperties();
	}

}
