package io.kafkademo.app.logging;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.slf4j.MarkerFactory;
import org.slf4j.event.KeyValuePair;

import org.springframework.boot.logging.logback.StructuredLogEncoder;
import org.springframework.core.env.Environment;
import org.springframework.mock.env.MockEnvironment;
import org.springframework.test.util.ReflectionTestUtils;

import static org.assertj.core.api.Assertions.assertThat;

class EcsJsonFormatterTests {

	private static final String LISTENER_THREAD = "org.springframework.kafka.KafkaListenerEndpointContainer#0-0-C-1";

	private static final String ESCAPED_AT_BOTH_ENDS = "\"control \b \f \r \u001f \u007f \u0085, \u2028 \uD83D\uDE00\\";

	private static final Consumer<LoggingEvent> NOTHING = (event) -> {
	};

	/** The default configuration and settings that EcsLineWriter honours; the customisations follow Boot's path. */
	@ParameterizedTest
	@ValueSource(strings = { "", "logging.structured.json.stacktrace.root=first",
			"logging.structured.ecs.service.node-name=node-1", "logging.structured.json.exclude=log.logger",
			"logging.structured.json.rename.message=msg", "logging.structured.json.add.team=payments" })
	void writesWhatSpringBootsEcsFormatWrites(String extraProperty) {
		LoggerContext context = context(extraProperty);
		StructuredLogEncoder boots = encoder(context, "ecs");
		StructuredLogEncoder ours = encoder(context, EcsJsonFormatter.class.getName());
		Logger logger = context.getLogger("io.kafkademo.app.messaging.PongListener");

		for (ILoggingEvent event : events(logger)) {
			assertThat(encode(ours, event)).isEqualTo(encode(boots, event));
		}
	}

	@ParameterizedTest
	@CsvSource({ "'', true", "logging.structured.json.stacktrace.root=first, true",
			"logging.structured.json.exclude=log.logger, false", "logging.structured.json.rename.message=msg, false",
			"logging.structured.json.add.team=payments, false" })
	void writesPlainEventsDirectlyUnlessTheMembersAreCustomised(String extraProperty, boolean directly) {
		StructuredLogEncoder encoder = encoder(context(extraProperty), EcsJsonFormatter.class.getName());

		Object formatter = ReflectionTestUtils.getField(encoder, "formatter");
		assertThat(formatter).isInstanceOf(EcsJsonFormatter.class);
		assertThat(((EcsJsonFormatter) formatter).writesPlainEventsDirectly()).isEqualTo(directly);
	}

	private static LoggerContext context(String extraProperty) {
		LoggerContext context = new LoggerContext();
		context.setMDCAdapter(new LogbackMDCAdapter());
		MockEnvironment environment = new MockEnvironment().withProperty("spring.application.name", "kafka-demo-service-a")
			.withProperty("spring.application.version", "1.2.3")
			.withProperty("spring.application.pid", "4242")
			.withProperty("logging.structured.ecs.service.environment", "test");
		if (!extraProperty.isEmpty()) {
			String[] pair = extraProperty.split("=", 2);
			environment.setProperty(pair[0], pair[1]);
		}
		context.putObject(Environment.class.getName(), environment);
		return context;
	}

	private static List<ILoggingEvent> events(Logger logger) {
		IllegalStateException failure = new IllegalStateException("listener failed \"badly\"",
				new IllegalArgumentException("not UTF-8"));
		LoggingEvent oddThread = new LoggingEvent(Logger.FQCN, logger, Level.INFO, "odd thread name", null, null);
		oddThread.setThreadName("thread \"quoted\"\t\u0000");
		return List.of(event(logger, Level.INFO, "kafka-demo-service-b-1 received message: This is message 7", null, NOTHING),
				event(logger, Level.WARN, "quotes \" \\ tab\t new\nline \u00e9 \u2603 \u0001", null, NOTHING),
				event(logger, Level.WARN, ESCAPED_AT_BOTH_ENDS, null, NOTHING), event(logger, Level.INFO, "", null, NOTHING),
				event(logger, Level.ERROR, "failed", failure, NOTHING),
				event(logger, Level.INFO, "as Spring's commons-logging bridge logs", null,
						(e) -> e.addMarker(MarkerFactory.getDetachedMarker("COMMONS-LOGGING"))),
				event(logger, Level.INFO, "another single marker", null,
						(e) -> e.addMarker(MarkerFactory.getDetachedMarker("AUDIT \"quoted\""))),
				event(logger, Level.INFO, "a single marker with a reference", null, (e) -> {
					org.slf4j.Marker parent = MarkerFactory.getDetachedMarker("parent");
					parent.add(MarkerFactory.getDetachedMarker("child"));
					e.addMarker(parent);
				}), event(logger, Level.INFO, "the bridge's marker again", null,
						(e) -> e.addMarker(MarkerFactory.getDetachedMarker("COMMONS-LOGGING"))),
				event(logger, Level.INFO, "with markers only", null, (e) -> addNestedMarkers(e, "parent \"p\"")),
				event(logger, Level.INFO, "with context", null, (e) -> {
					e.setMDCPropertyMap(Map.of("traceId", "abc", "spanId", "def"));
					e.addKeyValuePair(new KeyValuePair("topic", "bar-topic"));
					e.addKeyValuePair(new KeyValuePair("partition", 2));
					addNestedMarkers(e, "parent");
				}), oddThread, event(logger.getLoggerContext().getLogger("org.springframework.kafka.listener"), Level.INFO,
						"another logger", null, NOTHING),
				at(logger, "2026-12-05T22:23:21Z"), at(logger, "2026-12-05T22:23:21.123Z"),
				at(logger, "2026-12-05T22:23:21.123400Z"), at(logger, "2026-12-05T22:23:22.123456789Z"));
	}

	/** Markers are mutable: one logged alone and then given a reference must show both tags. */
	@Test
	void tagsFollowAMarkerThatGainsAReference() {
		LoggerContext context = context("");
		StructuredLogEncoder boots = encoder(context, "ecs");
		StructuredLogEncoder ours = encoder(context, EcsJsonFormatter.class.getName());
		Logger logger = context.getLogger("io.kafkademo.app.messaging.PongListener");
		org.slf4j.Marker shared = MarkerFactory.getDetachedMarker("COMMONS-LOGGING");
		ILoggingEvent before = event(logger, Level.INFO, "before", null, (e) -> e.addMarker(shared));
		ILoggingEvent after = event(logger, Level.INFO, "after", null, (e) -> e.addMarker(shared));

		assertThat(encode(ours, before)).isEqualTo(encode(boots, before))
			.contains("\"tags\":[\"COMMONS-LOGGING\"]");
		shared.add(MarkerFactory.getDetachedMarker("AUDIT"));
		assertThat(encode(ours, after)).isEqualTo(encode(boots, after))
			.contains("\"tags\":[\"AUDIT\",\"COMMONS-LOGGING\"]");
	}

	private static String encode(StructuredLogEncoder encoder, ILoggingEvent event) {
		return new String(encoder.encode(event), StandardCharsets.UTF_8);
	}

	/** Logback's clock gives whole, milli-, micro- or nanosecond instants depending on the platform. */
	private static ILoggingEvent at(Logger logger, String instant) {
		return event(logger, Level.INFO, "at " + instant, null, (e) -> e.setInstant(Instant.parse(instant)));
	}

	private static void addNestedMarkers(LoggingEvent event, String parentName) {
		org.slf4j.Marker parent = MarkerFactory.getDetachedMarker(parentName);
		parent.add(MarkerFactory.getDetachedMarker("child"));
		event.addMarker(parent);
		event.addMarker(MarkerFactory.getDetachedMarker("another"));
	}

	private static ILoggingEvent event(Logger logger, Level level, String message, Throwable throwable,
			Consumer<LoggingEvent> extra) {
		LoggingEvent event = new LoggingEvent(Logger.FQCN, logger, level, message, throwable, null);
		event.setThreadName(LISTENER_THREAD);
		extra.accept(event);
		return event;
	}

	private static StructuredLogEncoder encoder(LoggerContext context, String format) {
		StructuredLogEncoder encoder = new StructuredLogEncoder();
		encoder.setContext(context);
		encoder.setFormat(format);
		encoder.start();
		return encoder;
	}

}
