package io.kafkademo.app.logging;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import java.util.stream.IntStream;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class BufferedConsoleAppenderTests {

	private final LoggerContext context = new LoggerContext();

	private final Logger logger = this.context.getLogger("test");

	private final Writes writes = new Writes();

	private PrintStream originalOut;

	@BeforeEach
	void prepareContext() {
		this.originalOut = System.out;
		this.context.setMDCAdapter(new LogbackMDCAdapter());
		this.logger.setAdditive(false);
	}

	@AfterEach
	void restoreSystemOut() {
		this.context.stop();
		System.setOut(this.originalOut);
	}

	@Test
	void holdsLinesWhileBusyAndWritesThemInOneCallWhenIdle() {
		AtomicBoolean idle = new AtomicBoolean(false);
		attachedConsole(idle::get);
		// Replaced after start: the appender must still find it.
		redirectSystemOut();

		this.logger.info("one");
		this.logger.info("two");
		this.logger.info("three");
		assertThat(this.writes.calls()).isEmpty();

		idle.set(true);
		this.logger.info("four");
		assertThat(this.writes.calls()).containsExactly("one\ntwo\nthree\nfour\n");
	}

	@Test
	void writesAFullBufferInWholeLinesWithoutWaitingForIdle() {
		BufferedConsoleAppender<ILoggingEvent> console = attachedConsole(() -> false);
		redirectSystemOut();

		String line = "x".repeat(999);
		int lines = 3 * BufferedConsoleAppender.BUFFER_SIZE / 1000;
		IntStream.range(0, lines).forEach((i) -> this.logger.info(line));

		assertThat(this.writes.calls()).hasSizeBetween(2, 3)
			.allSatisfy((call) -> assertThat(call).endsWith("\n").hasSizeLessThanOrEqualTo(BufferedConsoleAppender.BUFFER_SIZE));
		console.stop();
		assertThat(String.join("", this.writes.calls()).lines()).hasSize(lines).containsOnly(line);
	}

	@Test
	void onItsOwnWritesEachLineAtOnce() {
		this.logger.addAppender(startedConsole());
		redirectSystemOut();

		this.logger.info("one");
		assertThat(this.writes.calls()).containsExactly("one\n");
		this.logger.info("two");
		assertThat(this.writes.calls()).containsExactly("one\n", "two\n");
	}

	@Test
	void stoppingWritesWhatTheBufferHolds() {
		BufferedConsoleAppender<ILoggingEvent> console = attachedConsole(() -> false);
		redirectSystemOut();

		this.logger.info("one");
		this.logger.info("two");
		assertThat(this.writes.calls()).isEmpty();
		console.stop();
		assertThat(this.writes.calls()).containsExactly("one\ntwo\n");
	}

	@Test
	void behindTheQueueEveryLineArrivesInOrderWithoutStopping() {
		redirectSystemOut();
		ConsoleAsyncAppender async = new ConsoleAsyncAppender();
		async.setContext(this.context);
		async.setDiscardingThreshold(0);
		async.addAppender(startedConsole());
		async.start();
		this.logger.addAppender(async);

		int lines = 20_000;
		IntStream.range(0, lines).forEach((i) -> this.logger.info("line {}", i));

		List<String> expected = IntStream.range(0, lines).mapToObj((i) -> "line " + i).toList();
		await().atMost(Duration.ofSeconds(20))
			.untilAsserted(() -> assertThat(String.join("", this.writes.calls()).lines()).containsExactlyElementsOf(expected));
		assertThat(async.isStarted()).isTrue();
	}

	private void redirectSystemOut() {
		System.setOut(new PrintStream(this.writes, true, StandardCharsets.UTF_8));
	}

	private BufferedConsoleAppender<ILoggingEvent> attachedConsole(BooleanSupplier idle) {
		BufferedConsoleAppender<ILoggingEvent> console = startedConsole();
		console.flushWhen(idle);
		this.logger.addAppender(console);
		return console;
	}

	private BufferedConsoleAppender<ILoggingEvent> startedConsole() {
		PatternLayoutEncoder encoder = new PatternLayoutEncoder();
		encoder.setContext(this.context);
		encoder.setPattern("%msg%n");
		encoder.start();
		BufferedConsoleAppender<ILoggingEvent> console = new BufferedConsoleAppender<>();
		console.setContext(this.context);
		console.setEncoder(encoder);
		console.start();
		return console;
	}

	/** Each write call that reaches the process's standard output, as text. */
	private static final class Writes extends OutputStream {

		private final List<String> calls = new ArrayList<>();

		@Override
		public void write(int b) {
			write(new byte[] { (byte) b }, 0, 1);
		}

		@Override
		public synchronized void write(byte[] bytes, int offset, int length) {
			this.calls.add(new String(bytes, offset, length, StandardCharsets.UTF_8));
		}

		synchronized List<String> calls() {
			return List.copyOf(this.calls);
		}

	}

}
