package io.kafkademo.app.messaging;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RepeatingFailureLogTests {

	private final Logger log = new LoggerContext().getLogger(RepeatingFailureLogTests.class);

	private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

	private Instant now = Instant.parse("2026-01-01T00:00:00Z");

	private final Clock clock = new Clock() {

		@Override
		public Instant instant() {
			return RepeatingFailureLogTests.this.now;
		}

		@Override
		public java.time.ZoneId getZone() {
			return ZoneOffset.UTC;
		}

		@Override
		public Clock withZone(java.time.ZoneId zone) {
			return this;
		}

	};

	@BeforeEach
	void captureLines() {
		this.appender.start();
		this.log.addAppender(this.appender);
	}

	@Test
	void sameFailureIsLoggedOncePerIntervalWithARepeatCount() {
		RepeatingFailureLog failures = new RepeatingFailureLog(this.log, Duration.ofSeconds(10), this.clock);
		for (int i = 0; i < 25; i++) {
			failures.failed("failed to send message " + i, "TimeoutException: gone");
			this.now = this.now.plusSeconds(1);
		}
		assertThat(lines()).containsExactly("WARN failed to send message 0: TimeoutException: gone",
				"WARN failed to send message 10: TimeoutException: gone (9 more like it since the last report)",
				"WARN failed to send message 20: TimeoutException: gone (9 more like it since the last report)");
	}

	@Test
	void aNewReasonIsLoggedAtOnceAndRecoveryIsAnnounced() {
		RepeatingFailureLog failures = new RepeatingFailureLog(this.log, Duration.ofSeconds(10), this.clock);
		failures.failed("send 1", "A");
		failures.failed("send 2", "B");
		failures.succeeded("works again");
		failures.succeeded("works again");
		assertThat(lines()).containsExactly("WARN send 1: A", "WARN send 2: B", "INFO works again");
	}

	private List<String> lines() {
		return this.appender.list.stream()
			.map((event) -> event.getLevel() + " " + event.getFormattedMessage())
			.toList();
	}

}
