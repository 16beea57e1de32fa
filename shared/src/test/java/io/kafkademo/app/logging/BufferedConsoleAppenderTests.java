package io.kafkademo.app.logging;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
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
		ConsoleAsyncAppender async = startedAsync(startedConsole(), false, 256);

		int lines = 20_000;
		IntStream.range(0, lines).forEach((i) -> this.logger.info("line {}", i));

		awaitNumberedLines(lines);
		assertThat(async.isStarted()).isTrue();
	}

	@Test
	void behindTheQueueABatchTheWorkerTookAtOnceIsWrittenInOneCall() throws InterruptedException {
		redirectSystemOut();
		Gate gate = new Gate();
		ConsoleAsyncAppender async = startedAsync(gatedConsole(gate), false, 16_384);

		this.logger.info("line 0");
		gate.awaitHolding();
		// Logback's worker holds "line 0"; these queue up, and it will drain them into its list in one go.
		IntStream.range(1, 1_000).forEach((i) -> this.logger.info("line {}", i));
		gate.open();

		awaitNumberedLines(1_000);
		assertThat(this.writes.calls()).as("write calls").hasSize(1);
		assertThat(async.isStarted()).isTrue();
	}

	@Test
	void withSettingsThatDropEventsNoLineIsLeftWaiting() throws InterruptedException {
		redirectSystemOut();
		Gate gate = new Gate();
		// neverBlock with a queue of one: the third line finds it full and is dropped.
		ConsoleAsyncAppender async = startedAsync(gatedConsole(gate), true, 1);

		this.logger.info("one");
		gate.awaitHolding();
		this.logger.info("two");
		this.logger.info("dropped");
		gate.open();

		await().atMost(Duration.ofSeconds(20))
			.untilAsserted(() -> assertThat(String.join("", this.writes.calls())).isEqualTo("one\ntwo\n"));
		assertThat(async.isStarted()).isTrue();
	}

	/** The shipped queue settings (no discarding), with {@code neverBlock} and the queue size as given. */
	private ConsoleAsyncAppender startedAsync(BufferedConsoleAppender<ILoggingEvent> console, boolean neverBlock,
			int queueSize) {
		ConsoleAsyncAppender async = new ConsoleAsyncAppender();
		async.setContext(this.context);
		async.setQueueSize(queueSize);
		async.setDiscardingThreshold(0);
		async.setNeverBlock(neverBlock);
		async.addAppender(console);
		async.start();
		this.logger.addAppender(async);
		return async;
	}

	/** An AsyncAppender takes one appender only: this console itself stops the worker at the gate. */
	private BufferedConsoleAppender<ILoggingEvent> gatedConsole(Gate gate) {
		return started(new BufferedConsoleAppender<>() {
			@Override
			public void doAppend(ILoggingEvent event) {
				gate.pass();
				super.doAppend(event);
			}
		});
	}

	private void awaitNumberedLines(int count) {
		List<String> expected = IntStream.range(0, count).mapToObj((i) -> "line " + i).toList();
		await().atMost(Duration.ofSeconds(20))
			.untilAsserted(() -> assertThat(String.join("", this.writes.calls()).lines()).containsExactlyElementsOf(expected));
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
		return started(new BufferedConsoleAppender<>());
	}

	private BufferedConsoleAppender<ILoggingEvent> started(BufferedConsoleAppender<ILoggingEvent> console) {
		PatternLayoutEncoder encoder = new PatternLayoutEncoder();
		encoder.setContext(this.context);
		encoder.setPattern("%msg%n");
		encoder.start();
		console.setContext(this.context);
		console.setEncoder(encoder);
		console.start();
		return console;
	}

	/** Holds the queue's worker at the first event until opened; lets every later one through. */
	private static final class Gate {

		private final CountDownLatch holding = new CountDownLatch(1);

		private final CountDownLatch opened = new CountDownLatch(1);

		void pass() {
			this.holding.countDown();
			try {
				this.opened.await(20, TimeUnit.SECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}

		void awaitHolding() throws InterruptedException {
			assertThat(this.holding.await(20, TimeUnit.SECONDS)).as("the worker reached the gate").isTrue();
		}

		void open() {
			this.opened.countDown();
		}

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
