package io.kafkademo.app.logging;

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
import ch.qos.logback.core.OutputStreamAppender;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.ansi.AnsiOutput;
import org.springframework.boot.logging.logback.ColorConverter;
import org.springframework.boot.logging.logback.EnclosedInSquareBracketsConverter;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * logback-spring.xml replaces Boot's {@code %clr} and {@code %esb} converters: the console lines must stay exactly
 * Boot's, with and without colours, whatever the level, the application name or an exception.
 */
class BootConsoleConvertersTests {

	private final LoggerContext context = new LoggerContext();

	@BeforeEach
	void configureAsTheServicesDo() throws Exception {
		this.context.setMDCAdapter(new LogbackMDCAdapter());
		JoranConfigurator configurator = new JoranConfigurator();
		configurator.setContext(this.context);
		configurator.doConfigure(getClass().getResource("/logback-spring.xml"));
		this.context.putProperty("APPLICATION_NAME", "kafka-demo-service-b");
	}

	@AfterEach
	void restore() {
		this.context.stop();
		AnsiOutput.setEnabled(AnsiOutput.Enabled.DETECT);
	}

	@Test
	void theServicesPatternUsesTheReplacements() {
		PatternLayout ours = consoleLayout(false);
		assertThat(ours.getPattern()).startsWith("%clr(%d{");
		assertThat(ours.getEffectiveConverterMap().get("clr").get()).isInstanceOf(PlainTextColorConverter.class);
		assertThat(ours.getEffectiveConverterMap().get("esb").get()).isInstanceOf(SquareBracketsOnceConverter.class);
	}

	@Test
	void plainLinesAreBootsOwn() {
		AnsiOutput.setEnabled(AnsiOutput.Enabled.NEVER);
		List<String> lines = assertSameLines();
		assertThat(lines).allSatisfy((line) -> assertThat(line).doesNotContain("\u001B["));
		assertThat(lines.get(0)).contains(" --- [kafka-demo-service-b] [");
	}

	@Test
	void colouredLinesAreBootsOwn() {
		AnsiOutput.setEnabled(AnsiOutput.Enabled.ALWAYS);
		List<String> lines = assertSameLines();
		assertThat(lines).allSatisfy((line) -> assertThat(line).contains("\u001B["));
	}

	@Test
	void aChangedApplicationNameShows() {
		AnsiOutput.setEnabled(AnsiOutput.Enabled.NEVER);
		PatternLayout ours = consoleLayout(false);
		assertThat(ours.doLayout(event(Level.INFO, null))).contains("[kafka-demo-service-b] ");
		this.context.putProperty("APPLICATION_NAME", "renamed");
		assertThat(ours.doLayout(event(Level.INFO, null))).contains("[renamed] ")
			.doesNotContain("[kafka-demo-service-b]");
		this.context.putProperty("APPLICATION_NAME", "");
		assertThat(ours.doLayout(event(Level.INFO, null))).contains(" --- [" + " ".repeat(11) + "main] ");
	}

	/** The same events through Boot's converters and ours; returns our lines. */
	private List<String> assertSameLines() {
		PatternLayout boots = consoleLayout(true);
		PatternLayout ours = consoleLayout(false);
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

	/**
	 * The console layout logback-spring.xml configures (Boot's pattern, the context's converters), or a layout of the
	 * same pattern with Boot's own converters.
	 */
	@SuppressWarnings("unchecked")
	private PatternLayout consoleLayout(boolean bootsConverters) {
		AsyncAppender queue = (AsyncAppender) this.context.getLogger(Logger.ROOT_LOGGER_NAME).getAppender("ASYNC_CONSOLE");
		OutputStreamAppender<ILoggingEvent> console = (OutputStreamAppender<ILoggingEvent>) queue.getAppender("CONSOLE");
		PatternLayout services = (PatternLayout) ((PatternLayoutEncoder) console.getEncoder()).getLayout();
		if (!bootsConverters) {
			return services;
		}
		PatternLayout boots = new PatternLayout();
		boots.setContext(this.context);
		boots.setPattern(services.getPattern());
		boots.getInstanceConverterMap().put("clr", ColorConverter::new);
		boots.getInstanceConverterMap().put("esb", EnclosedInSquareBracketsConverter::new);
		boots.start();
		return boots;
	}

	private ILoggingEvent event(Level level, Throwable failure) {
		LoggingEvent event = new LoggingEvent(getClass().getName(),
				this.context.getLogger("io.kafkademo.app.messaging.PongListener"), level,
				"kafka-demo-service-b-1 received message: This is message 7 from host kafka-demo-service-a-2", failure,
				null);
		event.setThreadName("main");
		return event;
	}

}
