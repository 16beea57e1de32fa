package io.kafkademo.reliability.accounting;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * One line of a service's log, in either format the services write: Spring Boot's text layout
 * ({@code LOG_FORMAT=text}) or its ECS JSON ({@code LOG_FORMAT=json}). The process id tells a replica's restarts apart:
 * sequence numbers start again at 0 in every process.
 */
public record ServiceLogLine(Instant time, long pid, String level, String message) {

	// "2026-11-28T17:49:43.717Z  INFO 9867 --- [app] [thread] i.k.a.messaging.PingProducer : message"
	private static final Pattern TEXT = Pattern.compile(
			"^(\\S+)\\s+(TRACE|DEBUG|INFO|WARN|ERROR)\\s+(\\d+)\\s+---\\s+(?:\\[[^\\]]*\\]\\s*)*\\S+\\s+: (.*)$");

	private static final JsonMapper JSON = JsonMapper.builder().build();

	/** The line parsed, or empty for continuation lines (stack traces) and anything else not written by a logger. */
	public static Optional<ServiceLogLine> parse(String line) {
		if (line.startsWith("{")) {
			return parseJson(line);
		}
		Matcher text = TEXT.matcher(line);
		if (!text.matches()) {
			return Optional.empty();
		}
		Instant time = parseTime(text.group(1));
		if (time == null) {
			return Optional.empty();
		}
		return Optional.of(new ServiceLogLine(time, Long.parseLong(text.group(3)), text.group(2), text.group(4)));
	}

	private static Optional<ServiceLogLine> parseJson(String line) {
		JsonNode root;
		try {
			root = JSON.readTree(line);
		}
		catch (JacksonException ex) {
			return Optional.empty();
		}
		// Spring Boot 3.5+ nests ECS fields ({"log":{"level":..}}); 3.4 wrote them flat ({"log.level":..}).
		String timestamp = root.path("@timestamp").asString(null);
		String message = root.path("message").asString(null);
		Instant time = (timestamp != null) ? parseTime(timestamp) : null;
		if (time == null || message == null) {
			return Optional.empty();
		}
		return Optional.of(new ServiceLogLine(time, field(root, "process", "pid").asLong(0),
				field(root, "log", "level").asString("INFO"), message));
	}

	private static JsonNode field(JsonNode root, String object, String name) {
		JsonNode nested = root.path(object).path(name);
		return nested.isMissingNode() ? root.path(object + "." + name) : nested;
	}

	private static Instant parseTime(String value) {
		try {
			return OffsetDateTime.parse(value).toInstant();
		}
		catch (DateTimeParseException ex) {
			return null;
		}
	}

}
