package io.kafkademo.helm;

import java.util.List;
import java.util.Map;

/** Reads fields of a parsed Kubernetes object by dotted path, e.g. {@code spec.template.spec}. */
final class Fields {

	private Fields() {
	}

	/** The value at a dotted path, or null if any step is missing. */
	@SuppressWarnings("unchecked")
	static <T> T at(Map<String, Object> object, String path) {
		Object current = object;
		for (String key : path.split("\\.")) {
			if (!(current instanceof Map<?, ?> map)) {
				return null;
			}
			current = map.get(key);
		}
		return (T) current;
	}

	@SuppressWarnings("unchecked")
	static Map<String, Object> map(Object value) {
		return (Map<String, Object>) value;
	}

	@SuppressWarnings("unchecked")
	static List<Map<String, Object>> list(Object value) {
		return (value != null) ? (List<Map<String, Object>>) value : List.of();
	}

}
