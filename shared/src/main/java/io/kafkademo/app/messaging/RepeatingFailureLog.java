package io.kafkademo.app.messaging;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import org.slf4j.Logger;

/**
 * Logs a failure once, then the same failure at most once per interval with how often it recurred, so a broker outage
 * gives one clear line per interval instead of a flood.
 */
final class RepeatingFailureLog {

	private final Logger logger;

	private final Duration interval;

	private final Clock clock;

	private String lastReason;

	private Instant lastLogged = Instant.MIN;

	private long suppressed;

	RepeatingFailureLog(Logger logger, Duration interval, Clock clock) {
		this.logger = logger;
		this.interval = interval;
		this.clock = clock;
	}

	synchronized void failed(String message, String reason) {
		Instant now = this.clock.instant();
		if (reason.equals(this.lastReason) && now.isBefore(this.lastLogged.plus(this.interval))) {
			this.suppressed++;
			return;
		}
		String repeats = (reason.equals(this.lastReason) && this.suppressed > 0)
				? " (" + this.suppressed + " more like it since the last report)" : "";
		this.logger.warn("{}: {}{}", message, reason, repeats);
		this.lastReason = reason;
		this.lastLogged = now;
		this.suppressed = 0;
	}

	synchronized void succeeded(String message) {
		if (this.lastReason != null) {
			this.logger.info(message);
			this.lastReason = null;
			this.lastLogged = Instant.MIN;
			this.suppressed = 0;
		}
	}

}
