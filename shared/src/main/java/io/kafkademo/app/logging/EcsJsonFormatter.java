package io.kafkademo.app.logging;

import java.nio.charset.Charset;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import ch.qos.logback.classic.pattern.ThrowableProxyConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.ThrowableProxy;
import org.jspecify.annotations.Nullable;
import org.slf4j.Marker;
import org.slf4j.event.KeyValuePair;

import org.springframework.boot.json.JsonWriter;
import org.springframework.boot.json.JsonWriter.PairExtractor;
import org.springframework.boot.logging.StackTracePrinter;
import org.springframework.boot.logging.structured.ContextPairs;
import org.springframework.boot.logging.structured.ElasticCommonSchemaProperties;
import org.springframework.boot.logging.structured.JsonWriterStructuredLogFormatter;
import org.springframework.boot.logging.structured.StructuredLoggingJsonMembersCustomizer;
import org.springframework.core.env.Environment;

/**
 * Spring Boot's ECS format ({@code logging.structured.format.console=ecs}), field for field, turned into bytes in one
 * step. Boot 4.0 encodes each line through an {@code OutputStreamWriter} that takes every small JSON fragment
 * separately (spring-projects/spring-boot#49428); with that, the consumer at {@code LOG_FORMAT=json} managed 2.7 times
 * fewer records per second (bench/BENCHMARK.md). The members are copied from Boot's package-private
 * {@code ElasticCommonSchemaStructuredLogFormatter}, and {@code EcsJsonFormatterTests} holds the two to the same
 * output; go back to {@code ecs} once Boot encodes as fast. Plain events (every per-message line) are written by
 * {@link EcsLineWriter} unless the members are customised.
 */
public class EcsJsonFormatter extends JsonWriterStructuredLogFormatter<ILoggingEvent> {

	private static final PairExtractor<KeyValuePair> keyValuePairs = PairExtractor.of((pair) -> pair.key,
			(pair) -> pair.value);

	private final @Nullable EcsLineWriter lineWriter;

	public EcsJsonFormatter(Environment environment, @Nullable StackTracePrinter stackTracePrinter,
			ContextPairs contextPairs, ThrowableProxyConverter throwableProxyConverter,
			StructuredLoggingJsonMembersCustomizer.Builder<?> customizerBuilder) {
		super((members) -> members(environment, stackTracePrinter, contextPairs, throwableProxyConverter, members),
				customizerBuilder.nested().build());
		this.lineWriter = EcsLineWriter.forEnvironment(environment, EcsJsonFormatter.class.getClassLoader());
	}

	@Override
	public String format(ILoggingEvent event) {
		return (this.lineWriter != null && EcsLineWriter.canWrite(event)) ? this.lineWriter.write(event)
				: super.format(event);
	}

	@Override
	public byte[] formatAsBytes(ILoggingEvent event, Charset charset) {
		return format(event).getBytes(charset);
	}

	/** Whether plain events skip Boot's generic writer (nothing customises the members). */
	boolean writesPlainEventsDirectly() {
		return this.lineWriter != null;
	}

	private static void members(Environment environment, @Nullable StackTracePrinter stackTracePrinter,
			ContextPairs contextPairs, ThrowableProxyConverter throwableProxyConverter,
			JsonWriter.Members<ILoggingEvent> members) {
		members.add("@timestamp", ILoggingEvent::getInstant);
		members.add("log").usingMembers((log) -> {
			log.add("level", ILoggingEvent::getLevel);
			log.add("logger", ILoggingEvent::getLoggerName);
		});
		members.add("process").usingMembers((process) -> {
			process.add("pid", environment.getProperty("spring.application.pid", Long.class)).whenNotNull();
			process.add("thread").usingMembers((thread) -> thread.add("name", ILoggingEvent::getThreadName));
		});
		ElasticCommonSchemaProperties.get(environment).jsonMembers(members);
		members.add("message", ILoggingEvent::getFormattedMessage);
		members.add().usingPairs(contextPairs.nested((pairs) -> {
			pairs.addMapEntries(ILoggingEvent::getMDCPropertyMap);
			pairs.add(ILoggingEvent::getKeyValuePairs, keyValuePairs);
		}));
		members.add().whenNotNull(ILoggingEvent::getThrowableProxy).usingMembers((throwable) -> {
			throwable.add("error").usingMembers((error) -> {
				error.add("type", ILoggingEvent::getThrowableProxy).as(IThrowableProxy::getClassName);
				error.add("message", ILoggingEvent::getThrowableProxy).as(IThrowableProxy::getMessage);
				error.add("stack_trace", (event) -> stackTrace(event, stackTracePrinter, throwableProxyConverter));
			});
		});
		members.add("tags", ILoggingEvent::getMarkerList)
			.whenNotNull()
			.as(EcsJsonFormatter::markerNames)
			.whenNotEmpty();
		members.add("ecs").usingMembers((ecs) -> ecs.add("version", "8.11"));
	}

	private static String stackTrace(ILoggingEvent event, @Nullable StackTracePrinter stackTracePrinter,
			ThrowableProxyConverter throwableProxyConverter) {
		if (stackTracePrinter != null && event.getThrowableProxy() instanceof ThrowableProxy proxy) {
			return stackTracePrinter.printStackTraceToString(proxy.getThrowable());
		}
		return throwableProxyConverter.convert(event);
	}

	static Set<String> markerNames(List<Marker> markers) {
		Set<String> names = new TreeSet<>();
		addMarkerNames(names, markers.iterator());
		return names;
	}

	private static void addMarkerNames(Set<String> names, Iterator<Marker> markers) {
		while (markers.hasNext()) {
			Marker marker = markers.next();
			names.add(marker.getName());
			if (marker.hasReferences()) {
				addMarkerNames(names, marker.iterator());
			}
		}
	}

}
