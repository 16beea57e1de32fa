package io.kafkademo.app.logging;

import java.util.List;
import java.util.Map;
import java.util.Set;

import ch.qos.logback.classic.spi.ILoggingEvent;
import org.jspecify.annotations.Nullable;
import org.slf4j.Marker;

import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.json.JsonWriter;
import org.springframework.boot.logging.structured.ElasticCommonSchemaProperties;
import org.springframework.boot.logging.structured.StructuredLoggingJsonMembersCustomizer;
import org.springframework.core.env.Environment;
import org.springframework.core.io.support.SpringFactoriesLoader;

/**
 * Writes the ECS line of a plain event - no exception, MDC or key-value pairs, which is every per-message line -
 * straight into one builder. Boot's {@code JsonWriter} spends most of the log worker's time on its generic
 * machinery (a member path, a name check and a character-by-character append per member) and made JSON cost twice
 * what text costs (bench/BENCHMARK.md). Only used when nothing customises Boot's JSON members; the members that do
 * not change per event are rendered once, by Boot's own writer.
 */
final class EcsLineWriter {

	/** The {@code logging.structured.json.*} settings that change a plain event's members. */
	private static final Set<String> MEMBER_CUSTOMIZATIONS = Set.of("include", "exclude", "rename", "add",
			"customizer");

	private static final char[] HEX = "0123456789ABCDEF".toCharArray();

	private final String pid;

	private final String service;

	private final EcsTimestampWriter timestamps = new EcsTimestampWriter();

	private final RepeatedString loggerNames = new RepeatedString();

	private final RepeatedString threadNames = new RepeatedString();

	private EcsLineWriter(Environment environment) {
		Long pid = environment.getProperty("spring.application.pid", Long.class);
		this.pid = (pid != null) ? "\"pid\":" + pid + "," : "";
		// These members are constants, so any instance renders them.
		String members = JsonWriter.of(ElasticCommonSchemaProperties.get(environment)::jsonMembers)
			.writeToString(new Object());
		this.service = (members.length() > 2) ? "," + members.substring(1, members.length() - 1) : "";
	}

	/** A writer for this environment, or {@code null} when its JSON members are customised. */
	static @Nullable EcsLineWriter forEnvironment(Environment environment, ClassLoader classLoader) {
		Map<String, Object> json = Binder.get(environment)
			.bind("logging.structured.json", Bindable.mapOf(String.class, Object.class))
			.orElse(Map.of());
		if (json.keySet().stream().anyMatch(MEMBER_CUSTOMIZATIONS::contains) || hasFactoryCustomizers(classLoader)) {
			return null;
		}
		return new EcsLineWriter(environment);
	}

	private static boolean hasFactoryCustomizers(ClassLoader classLoader) {
		boolean[] failed = { false };
		List<?> loaded = SpringFactoriesLoader.forDefaultResourceLocation(classLoader)
			.load(StructuredLoggingJsonMembersCustomizer.class, (type, name, failure) -> failed[0] = true);
		return failed[0] || !loaded.isEmpty();
	}

	static boolean canWrite(ILoggingEvent event) {
		List<?> pairs = event.getKeyValuePairs();
		Map<?, ?> mdc = event.getMDCPropertyMap();
		return event.getThrowableProxy() == null && (pairs == null || pairs.isEmpty())
				&& (mdc == null || mdc.isEmpty());
	}

	/** The line, member for member as Boot's ECS format writes it, with its new line. */
	String write(ILoggingEvent event) {
		String message = event.getFormattedMessage();
		StringBuilder line = new StringBuilder(384 + ((message != null) ? message.length() : 0));
		line.append("{\"@timestamp\":\"");
		this.timestamps.append(line, event.getInstant());
		line.append("\",\"log\":{\"level\":");
		appendString(line, event.getLevel());
		line.append(",\"logger\":");
		this.loggerNames.append(line, event.getLoggerName());
		line.append("},\"process\":{").append(this.pid).append("\"thread\":{\"name\":");
		this.threadNames.append(line, event.getThreadName());
		line.append("}}").append(this.service).append(",\"message\":");
		appendString(line, message);
		appendTags(line, event.getMarkerList());
		line.append(",\"ecs\":{\"version\":\"8.11\"}}\n");
		return line.toString();
	}

	/** Spring's own lines carry a tag: its commons-logging bridge marks each of its events. */
	private static void appendTags(StringBuilder line, @Nullable List<Marker> markers) {
		if (markers == null || markers.isEmpty()) {
			return;
		}
		String separator = ",\"tags\":[";
		for (String name : EcsJsonFormatter.markerNames(markers)) {
			line.append(separator);
			appendString(line, name);
			separator = ",";
		}
		line.append(']');
	}

	/** Quoted and escaped as Boot's {@code JsonValueWriter} does, in runs instead of one character at a time. */
	private static void appendString(StringBuilder out, @Nullable Object value) {
		if (value == null) {
			out.append("null");
			return;
		}
		String string = value.toString();
		out.append('"');
		int run = 0;
		for (int i = 0; i < string.length(); i++) {
			char ch = string.charAt(i);
			if (ch == '"' || ch == '\\' || Character.isISOControl(ch)) {
				out.append(string, run, i);
				escape(out, ch);
				run = i + 1;
			}
		}
		if (run == 0) {
			out.append(string);
		}
		else {
			out.append(string, run, string.length());
		}
		out.append('"');
	}

	private static void escape(StringBuilder out, char ch) {
		switch (ch) {
			case '"' -> out.append("\\\"");
			case '\\' -> out.append("\\\\");
			case '\b' -> out.append("\\b");
			case '\f' -> out.append("\\f");
			case '\n' -> out.append("\\n");
			case '\r' -> out.append("\\r");
			case '\t' -> out.append("\\t");
			default -> out.append("\\u")
				.append(HEX[(ch >> 12) & 0xF])
				.append(HEX[(ch >> 8) & 0xF])
				.append(HEX[(ch >> 4) & 0xF])
				.append(HEX[ch & 0xF]);
		}
	}

	/**
	 * A member that mostly repeats from line to line, such as the logger and thread names of the per-message lines:
	 * escaped once and reused while it repeats. Escaping them again for every line was a fifth of the log worker's
	 * time.
	 */
	private static final class RepeatedString {

		/** Immutable, so safe to share between threads. */
		private Escaped last = new Escaped("", "\"\"");

		void append(StringBuilder out, @Nullable String value) {
			if (value == null) {
				out.append("null");
				return;
			}
			Escaped escaped = this.last;
			if (!escaped.value().equals(value)) {
				StringBuilder json = new StringBuilder(value.length() + 2);
				appendString(json, value);
				escaped = new Escaped(value, json.toString());
				this.last = escaped;
			}
			out.append(escaped.json());
		}

		private record Escaped(String value, String json) {
		}

	}

}
