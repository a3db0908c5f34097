package io.laas.events.schema;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonValue;
import io.laas.events.EventSerde;
import io.laas.events.LedgerEvent;
import tools.jackson.databind.JsonNode;

/**
 * Turns records of the contract into JSON Schema objects (insertion-ordered maps) by reflection over their
 * components. Names and order are taken from what {@link EventSerde} actually writes; nullability from what the
 * canonical constructor accepts. Nested records go to {@code $defs} under their simple name. A component type
 * without a mapping here stops the generation: the schema never guesses.
 */
final class RecordSchemas {

	/** A positive or zero plain decimal, as {@code BigDecimal.toPlainString()} writes it: no sign, no exponent. */
	static final String DECIMAL_PATTERN = "^(0|[1-9][0-9]*)(\\.[0-9]+)?$";

	private final Map<String, Object> defs = new LinkedHashMap<>();

	/** The records referenced so far, in order of first use. */
	Map<String, Object> defs() {
		return this.defs;
	}

	/** {@code {"$ref": "#/$defs/Name"}}, adding the record's object schema to {@link #defs()} on first use. */
	Map<String, Object> ref(Class<?> record) {
		String name = record.getSimpleName();
		if (!this.defs.containsKey(name)) {
			this.defs.put(name, null); // reserve the position before nested records
			this.defs.put(name, objectSchema(record));
		}
		return map("$ref", "#/$defs/" + name);
	}

	/**
	 * {@code type: object} with one property per component, in wire order, every one required (nulls are written
	 * out), {@code additionalProperties: false}.
	 */
	Map<String, Object> objectSchema(Class<?> record) {
		if (!record.isRecord()) {
			throw new IllegalStateException(record.getName() + " is not a record");
		}
		Object sample = Samples.of(record);
		JsonNode written = EventSerde.mapper().valueToTree(sample);
		RecordComponent[] components = record.getRecordComponents();
		if (written.size() != components.length) {
			throw new IllegalStateException(record.getSimpleName() + " has " + components.length
					+ " components but EventSerde writes " + written.size() + " properties: " + written.propertyNames());
		}
		Map<String, Object> properties = new LinkedHashMap<>();
		for (String wireName : written.propertyNames()) {
			RecordComponent component = componentFor(record, wireName);
			Map<String, Object> property = typeSchema(component.getGenericType(), component);
			properties.put(wireName, nullable(record, sample, component) ? orNull(property) : property);
		}
		Map<String, Object> schema = new LinkedHashMap<>();
		schema.put("type", "object");
		schema.put("properties", properties);
		schema.put("required", new ArrayList<>(properties.keySet()));
		schema.put("additionalProperties", false);
		return schema;
	}

	private Map<String, Object> typeSchema(Type type, RecordComponent component) {
		Class<?> raw = Samples.raw(type);
		if (raw == UUID.class) {
			return map("type", "string", "format", "uuid");
		}
		if (raw == String.class) {
			return map("type", "string");
		}
		if (raw == BigDecimal.class) {
			JsonFormat format = component == null ? null : component.getAccessor().getAnnotation(JsonFormat.class);
			if (format == null || format.shape() != JsonFormat.Shape.STRING) {
				throw new IllegalStateException(
						"BigDecimal " + component + " must travel as a string: @JsonFormat(shape = STRING)");
			}
			return map("type", "string", "pattern", DECIMAL_PATTERN);
		}
		if (raw == Instant.class) {
			return map("type", "string", "format", "date-time");
		}
		if (raw == int.class || raw == Integer.class || raw == long.class || raw == Long.class) {
			return map("type", "integer");
		}
		if (raw.isEnum()) {
			return map("type", "string", "enum", wireValues(raw));
		}
		if (raw == List.class) {
			return map("type", "array", "items", typeSchema(Samples.typeArgument(type, 0), null));
		}
		if (raw == Map.class) {
			if (Samples.raw(Samples.typeArgument(type, 0)) != String.class) {
				throw new IllegalStateException("map keys must be strings in JSON: " + type);
			}
			return map("type", "object", "additionalProperties", typeSchema(Samples.typeArgument(type, 1), null));
		}
		if (raw == LedgerEvent.class) {
			return map("type", "object");
		}
		if (raw.isRecord()) {
			return ref(raw);
		}
		throw new IllegalStateException("no JSON Schema mapping for " + type + (component == null ? "" : " in " + component)
				+ ": teach " + RecordSchemas.class.getName());
	}

	/**
	 * True if the canonical constructor accepts null for the component and keeps it, so EventSerde writes null. A
	 * constructor that throws, or that replaces null by a default (an empty list), makes the property non-null.
	 */
	private static boolean nullable(Class<?> record, Object sample, RecordComponent component) {
		if (component.getType().isPrimitive()) {
			return false;
		}
		RecordComponent[] components = record.getRecordComponents();
		Object[] args = Samples.components(sample);
		for (int i = 0; i < components.length; i++) {
			if (components[i].getName().equals(component.getName())) {
				args[i] = null;
			}
		}
		Object built;
		try {
			built = Samples.construct(record, args);
		}
		catch (RuntimeException rejected) {
			return false;
		}
		return Samples.accessor(built, component) == null;
	}

	private static Map<String, Object> orNull(Map<String, Object> schema) {
		Object type = schema.get("type");
		if (type instanceof String single && !schema.containsKey("enum")) {
			Map<String, Object> copy = new LinkedHashMap<>(schema);
			copy.put("type", List.of(single, "null"));
			return copy;
		}
		return map("anyOf", List.of(schema, map("type", "null")));
	}

	/** The constant values Jackson writes: the {@code @JsonValue} method's result, else the constant's name. */
	private static List<Object> wireValues(Class<?> enumType) {
		Method wire = null;
		for (Method method : enumType.getDeclaredMethods()) {
			if (method.isAnnotationPresent(JsonValue.class) && !Modifier.isStatic(method.getModifiers())) {
				wire = method;
			}
		}
		List<Object> values = new ArrayList<>();
		for (Object constant : enumType.getEnumConstants()) {
			try {
				values.add(wire == null ? ((Enum<?>) constant).name() : String.valueOf(wire.invoke(constant)));
			}
			catch (ReflectiveOperationException ex) {
				throw new IllegalStateException("cannot read the wire value of " + constant, ex);
			}
		}
		return values;
	}

	/** The component EventSerde wrote under this name (snake_case of the component name). */
	private static RecordComponent componentFor(Class<?> record, String wireName) {
		String bare = wireName.replace("_", "").toLowerCase(Locale.ROOT);
		RecordComponent found = null;
		for (RecordComponent component : record.getRecordComponents()) {
			if (component.getName().toLowerCase(Locale.ROOT).equals(bare)) {
				if (found != null) {
					throw new IllegalStateException("two components of " + record.getSimpleName() + " match " + wireName);
				}
				found = component;
			}
		}
		if (found == null) {
			throw new IllegalStateException("EventSerde writes " + wireName + " for " + record.getSimpleName()
					+ " but no component has that name");
		}
		return found;
	}

	/** An insertion-ordered map of alternating keys and values. */
	static Map<String, Object> map(Object... keysAndValues) {
		Map<String, Object> map = new LinkedHashMap<>();
		Iterator<Object> it = List.of(keysAndValues).iterator();
		while (it.hasNext()) {
			map.put((String) it.next(), it.next());
		}
		return map;
	}

}
