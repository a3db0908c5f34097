package io.laas.events.schema;

import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Writes a schema tree (maps, lists, strings, numbers, booleans) as stable, readable JSON: two-space indent, keys
 * in insertion order, arrays of plain values on one line, a final newline. Its own writer rather than a Jackson
 * pretty printer, so that a library upgrade cannot change the bytes of the approved schema files.
 */
final class JsonText {

	private JsonText() {
	}

	static String write(Object value) {
		StringBuilder out = new StringBuilder();
		write(value, 0, out);
		return out.append('\n').toString();
	}

	private static void write(Object value, int depth, StringBuilder out) {
		if (value instanceof Map<?, ?> map) {
			writeObject(map, depth, out);
		}
		else if (value instanceof List<?> list) {
			writeArray(list, depth, out);
		}
		else if (value instanceof String text) {
			writeString(text, out);
		}
		else if (value instanceof Number || value instanceof Boolean) {
			out.append(value);
		}
		else if (value == null) {
			out.append("null");
		}
		else {
			throw new IllegalArgumentException("not a JSON value: " + value.getClass());
		}
	}

	private static void writeObject(Map<?, ?> map, int depth, StringBuilder out) {
		if (map.isEmpty()) {
			out.append("{}");
			return;
		}
		out.append("{\n");
		Iterator<? extends Map.Entry<?, ?>> entries = map.entrySet().iterator();
		while (entries.hasNext()) {
			Map.Entry<?, ?> entry = entries.next();
			indent(depth + 1, out);
			writeString((String) entry.getKey(), out);
			out.append(": ");
			write(entry.getValue(), depth + 1, out);
			out.append(entries.hasNext() ? ",\n" : "\n");
		}
		indent(depth, out);
		out.append('}');
	}

	private static void writeArray(List<?> list, int depth, StringBuilder out) {
		boolean plain = list.stream().noneMatch(v -> v instanceof Map || v instanceof List);
		if (list.isEmpty() || plain) {
			out.append('[');
			for (int i = 0; i < list.size(); i++) {
				out.append(i == 0 ? "" : ", ");
				write(list.get(i), depth, out);
			}
			out.append(']');
			return;
		}
		out.append("[\n");
		for (int i = 0; i < list.size(); i++) {
			indent(depth + 1, out);
			write(list.get(i), depth + 1, out);
			out.append(i + 1 < list.size() ? ",\n" : "\n");
		}
		indent(depth, out);
		out.append(']');
	}

	private static void writeString(String text, StringBuilder out) {
		out.append('"');
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			switch (c) {
				case '"' -> out.append("\\\"");
				case '\\' -> out.append("\\\\");
				case '\n' -> out.append("\\n");
				case '\r' -> out.append("\\r");
				case '\t' -> out.append("\\t");
				default -> {
					if (c < 0x20 || c > 0x7e) {
						out.append(String.format("\\u%04x", (int) c));
					}
					else {
						out.append(c);
					}
				}
			}
		}
		out.append('"');
	}

	private static void indent(int depth, StringBuilder out) {
		out.append("  ".repeat(depth));
	}

}
