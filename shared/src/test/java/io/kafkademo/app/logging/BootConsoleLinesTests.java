package io.kafkademo.app.logging;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import ch.qos.logback.classic.AsyncAppender;
import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.PatternLayout;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.OutputStreamAppender;
import ch.qos.logback.core.joran.spi.JoranException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.ansi.AnsiOutput;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * logback-spring.xml compiles Boot's console pattern without its {@code %clr} wrappers when there are no colours, and
 * replaces the {@code %esb} converter: the console lines must stay exactly those of Boot's own console appender, with
 * and without colours, whatever the level, the application name or an exception.
 */
class BootConsoleLinesTests {

	/** Boot's console appender, as its console-appender.xml defines it. */
	private static final String BOOTS_OWN = """
			<configuration>
				<include resource="org/springframework/boot/logging/logback/defaults.xml"/>
				<include resource="org/springframework/boot/logging/logback/console-appender.xml"/>
				<root level="INFO">
					<appender-ref ref="CONSOLE"/>
				</root>
			</configuration>
			""";

	private final LoggerContext services = new LoggerContext();

	private final LoggerContext boots = new LoggerContext();

	@AfterEach
	void restore() {
		this.services.stop();
		this.boots.stop();
		AnsiOutput.setEnabled(AnsiOutput.Enabled.DETECT);
	}

	@Test
	void plainLinesAreBootsOwnWithoutTheColourWrappers() throws Exception {
		AnsiOutput.setEnabled(AnsiOutput.Enabled.NEVER);
		List<String> lines = assertSameLines();
		assertThat(lines).allSatisfy((line) -> assertThat(line).doesNotContain("\u001B["));
		assertThat(lines.get(0)).contains(" --- [kafka-demo-service-b] [");
		assertThat(servicesLayout().getPattern()).startsWith("%d{").doesNotContain("%clr");
	}

	@Test
	void colouredLinesAreBootsOwn() throws Exception {
		AnsiOutput.setEnabled(AnsiOutput.Enabled.ALWAYS);
		List<String> lines = assertSameLines();
		assertThat(lines).allSatisfy((line) -> assertThat(line).contains("\u001B["));
		assertThat(servicesLayout().getPattern()).startsWith("%clr(%d{");
	}

	@Test
	void theServicesPatternUsesTheCheaperSquareBrackets() throws Exception {
		configure();
		assertThat(servicesLayout().getEffectiveConverterMap().get("esb").get())
			.isInstanceOf(SquareBracketsOnceConverter.class);
	}

	@Test
	void aChangedApplicationNameShows() throws Exception {
		AnsiOutput.setEnabled(AnsiOutput.Enabled.NEVER);
		configure();
		PatternLayout ours = servicesLayout();
		assertThat(ours.doLayout(event(Level.INFO, null))).contains("[kafka-demo-service-b] ");
		this.services.putProperty("APPLICATION_NAME", "renamed");
		assertThat(ours.doLayout(event(Level.INFO, null))).contains("[renamed] ")
			.doesNotContain("[kafka-demo-service-b]");
		this.services.putProperty("APPLICATION_NAME", "");
		assertThat(ours.doLayout(event(Level.INFO, null))).contains(" --- [" + " ".repeat(11) + "main] ");
	}

	/** The same events through Boot's console appender and the services'; returns the services' lines. */
	private List<String> assertSameLines() throws JoranException {
		configure();
		PatternLayout boots = layout(this.boots.getLogger(Logger.ROOT_LOGGER_NAME).getAppender("CONSOLE"));
		PatternLayout ours = servicesLayout();
		List<String> lines = new ArrayList<>();
		for (Level level : List.of(Level.ERROR, Level.WARN, Level.INFO, Level.DEBUG, Level.TRACE)) {
			for (Throwable failure : new Throwable[] { null, new IllegalStateException("broken") }) {
				ILoggingEvent event = event(level, failure);
				String line = ours.doLayout(event);
				assertThat(line).isEqualTo(boots.doLayout(event));
				lines.add(line);
			}
		}
		return lines;
	}

	/** Both contexts, configured after AnsiOutput is set, as Boot configures logging after it. */
	private void configure() throws JoranException {
		configurator(this.services).doConfigure(getClass().getResource("/logback-spring.xml"));
		configurator(this.boots).doConfigure(new ByteArrayInputStream(BOOTS_OWN.getBytes(StandardCharsets.UTF_8)));
		this.services.putProperty("APPLICATION_NAME", "kafka-demo-service-b");
	}

	private static JoranConfigurator configurator(LoggerContext context) {
		context.setMDCAdapter(new LogbackMDCAdapter());
		JoranConfigurator configurator = new JoranConfigurator();
		configurator.setContext(context);
		return configurator;
	}

	private PatternLayout servicesLayout() {
		AsyncAppender queue = (AsyncAppender) this.services.getLogger(Logger.ROOT_LOGGER_NAME)
			.getAppender("ASYNC_CONSOLE");
		return layout(queue.getAppender("CONSOLE"));
	}

	@SuppressWarnings("unchecked")
	private static PatternLayout layout(Appender<ILoggingEvent> appender) {
		OutputStreamAppender<ILoggingEvent> console = (OutputStreamAppender<ILoggingEvent>) appender;
		return (PatternLayout) ((PatternLayoutEncoder) console.getEncoder()).getLayout();
	}

	/** The events carry the services' context, whose properties Boot's {@code %esb} reads. */
	private ILoggingEvent event(Level level, Throwable failure) {
		LoggingEvent event = new LoggingEvent(getClass().getName(),
				this.services.getLogger("io.kafkademo.app.messaging.PongListener"), level,
				"kafka-demo-service-b-1 received message: This is message 7 from host kafka-demo-service-a-2", failure,
				null);
		event.setThreadName("main");
		return event;
	}

}
