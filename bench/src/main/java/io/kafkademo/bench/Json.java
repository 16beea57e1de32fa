package io.kafkademo.bench;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Writes maps, lists, strings, numbers, booleans and nulls as JSON (the results file needs no more). */
final class Json {

	private static final MathContext SIGNIFICANT = new MathContext(10);

	private Json() {
	}

	static String write(Object value) {
		StringBuilder out = new StringBuilder();
		write(value, out, "");
		return out.append('\n').toString();
	}

	private static void write(Object value, StringBuilder out, String indent) {
		if (value == null) {
			out.append("null");
		}
		else if (value instanceof String text) {
			string(text, out);
		}
		else if (value instanceof Boolean flag) {
			out.append(flag);
		}
		else if (value instanceof Double || value instanceof Float) {
			double number = ((Number) value).doubleValue();
			if (Double.isNaN(number) || Double.isInfinite(number)) {
				out.append("null");
			}
			else if (number == Math.rint(number) && Math.abs(number) < 1e15) {
				out.append((long) number);
			}
			else {
				// Ten significant digits, plainly written: a rate keeps its integer part (364590.4, not 364590 -> 36459).
				out.append(new BigDecimal(number).round(SIGNIFICANT).stripTrailingZeros().toPlainString());
			}
		}
		else if (value instanceof Number number) {
			out.append(number);
		}
		else if (value instanceof Map<?, ?> map) {
			if (map.isEmpty()) {
				out.append("{}");
				return;
			}
			String inner = indent + "  ";
			out.append("{\n");
			int i = 0;
			for (Map.Entry<?, ?> entry : map.entrySet()) {
				out.append(inner);
				string(String.valueOf(entry.getKey()), out);
				out.append(": ");
				write(entry.getValue(), out, inner);
				out.append((++i < map.size()) ? ",\n" : "\n");
			}
			out.append(indent).append('}');
		}
		else if (value instanceof List<?> list) {
			if (list.isEmpty()) {
				out.append("[]");
				return;
			}
			boolean scalars = list.stream().noneMatch((element) -> element instanceof Map || element instanceof List);
			if (scalars) {
				out.append('[');
				for (int i = 0; i < list.size(); i++) {
					write(list.get(i), out, indent);
					out.append((i + 1 < list.size()) ? ", " : "");
				}
				out.append(']');
				return;
			}
			String inner = indent + "  ";
			out.append("[\n");
			for (int i = 0; i < list.size(); i++) {
				out.append(inner);
				write(list.get(i), out, inner);
				out.append((i + 1 < list.size()) ? ",\n" : "\n");
			}
			out.append(indent).append(']');
		}
		else {
			throw new IllegalArgumentException("cannot write " + value.getClass() + " as JSON");
		}
	}

	private static void string(String text, StringBuilder out) {
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
					if (c < 0x20) {
						out.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
					}
					else {
						out.append(c);
					}
				}
			}
		}
		out.append('"');
	}

}
