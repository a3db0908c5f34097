package io.laas.events.schema;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.laas.events.AccountUpdated;
import io.laas.events.Direction;
import io.laas.events.EventEnvelope;
import io.laas.events.LedgerEvent;
import io.laas.events.Posting;

/**
 * Valid example values of every type the contract uses. The schema generator builds one valid instance of each
 * record from them, serialises it to learn the wire names, and calls the canonical constructor again with one
 * component set to null to learn whether that component may be null on the wire.
 */
final class Samples {

	private static final UUID ID = UUID.fromString("00000000-0000-4000-8000-000000000001");

	private Samples() {
	}

	static Object of(Type type) {
		Class<?> raw = raw(type);
		if (raw == UUID.class) {
			return ID;
		}
		if (raw == String.class) {
			return "x";
		}
		if (raw == BigDecimal.class) {
			return new BigDecimal("1.00");
		}
		if (raw == Instant.class) {
			return Instant.EPOCH;
		}
		if (raw == int.class || raw == Integer.class) {
			return 1;
		}
		if (raw == long.class || raw == Long.class) {
			return 1L;
		}
		if (raw.isEnum()) {
			return raw.getEnumConstants()[0];
		}
		if (raw == Map.class) {
			return Map.of();
		}
		if (raw == List.class) {
			Class<?> element = raw(typeArgument(type, 0));
			if (element == Posting.class) {
				// Every list of postings in the contract must balance.
				return List.of(new Posting(ID, "x", Direction.DEBIT, new BigDecimal("1.00"), "x"),
						new Posting(ID, "x", Direction.CREDIT, new BigDecimal("1.00"), "x"));
			}
			return List.of(of(element));
		}
		if (raw == EventEnvelope.class) {
			// type and version must agree with the payload, so the envelope cannot be built generically.
			return EventEnvelope.of(ID, ID, 1, Instant.EPOCH, Instant.EPOCH, (LedgerEvent) of(AccountUpdated.class));
		}
		if (raw.isRecord()) {
			RecordComponent[] components = raw.getRecordComponents();
			Object[] args = new Object[components.length];
			for (int i = 0; i < components.length; i++) {
				args[i] = of(components[i].getGenericType());
			}
			return construct(raw, args);
		}
		throw new IllegalStateException("no sample value for " + type + ": teach " + Samples.class.getName());
	}

	/** Calls the canonical constructor; a rejection by the record surfaces as its own exception. */
	static Object construct(Class<?> record, Object[] args) {
		Class<?>[] types = Arrays.stream(record.getRecordComponents())
			.map(RecordComponent::getType)
			.toArray(Class<?>[]::new);
		try {
			Constructor<?> constructor = record.getDeclaredConstructor(types);
			return constructor.newInstance(args);
		}
		catch (InvocationTargetException ex) {
			if (ex.getCause() instanceof RuntimeException rejected) {
				throw rejected;
			}
			throw new IllegalStateException(ex.getCause());
		}
		catch (ReflectiveOperationException ex) {
			throw new IllegalStateException("cannot call the canonical constructor of " + record.getName(), ex);
		}
	}

	static Object[] components(Object record) {
		RecordComponent[] components = record.getClass().getRecordComponents();
		Object[] values = new Object[components.length];
		for (int i = 0; i < components.length; i++) {
			values[i] = accessor(record, components[i]);
		}
		return values;
	}

	static Object accessor(Object record, RecordComponent component) {
		try {
			return component.getAccessor().invoke(record);
		}
		catch (ReflectiveOperationException ex) {
			throw new IllegalStateException("cannot read " + component, ex);
		}
	}

	static Class<?> raw(Type type) {
		if (type instanceof Class<?> c) {
			return c;
		}
		if (type instanceof ParameterizedType p) {
			return (Class<?>) p.getRawType();
		}
		throw new IllegalStateException("unsupported type in the contract: " + type);
	}

	static Type typeArgument(Type type, int index) {
		if (type instanceof ParameterizedType p) {
			return p.getActualTypeArguments()[index];
		}
		throw new IllegalStateException("raw collection type in the contract (no type argument): " + type);
	}

}
