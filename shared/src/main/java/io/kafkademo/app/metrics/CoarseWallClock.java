package io.kafkademo.app.metrics;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.Clock;

import org.springframework.scheduling.concurrent.CustomizableThreadFactory;

/**
 * Micrometer's clock, with a wall time that a daemon thread refreshes every {@code resolution} instead of one read
 * from the system clock per call. Durations are measured with {@link #monotonicTime()}, which stays
 * {@link System#nanoTime()}.
 * <p>
 * Why: a timer with a histogram reads the wall time twice for every sample it records, to check whether the time
 * windows of its maximum and of its histogram are due to rotate. At ~25 ns a read on the benchmark's virtual
 * machine, those two reads were two thirds of the latency timer's cost per consumed record (62 ns, 21 ns with this
 * clock; bench/BENCHMARK.md). The windows last 40 s or more, so a wall time up to {@code resolution} old rotates them
 * all the same. The registry also reads it when a meter is created.
 */
public final class CoarseWallClock implements Clock, AutoCloseable {

	private final ScheduledExecutorService ticker;

	private volatile long wallTime = System.currentTimeMillis();

	public CoarseWallClock(Duration resolution) {
		CustomizableThreadFactory threads = new CustomizableThreadFactory("micrometer-wall-clock-");
		threads.setDaemon(true);
		this.ticker = Executors.newSingleThreadScheduledExecutor(threads);
		long period = resolution.toNanos();
		this.ticker.scheduleAtFixedRate(this::tick, period, period, TimeUnit.NANOSECONDS);
	}

	private void tick() {
		this.wallTime = System.currentTimeMillis();
	}

	/** The system's wall time in milliseconds, at most one {@code resolution} old. */
	@Override
	public long wallTime() {
		return this.wallTime;
	}

	@Override
	public long monotonicTime() {
		return System.nanoTime();
	}

	/** Stops the refreshing thread; the wall time stays where it was. */
	@Override
	public void close() {
		this.ticker.shutdownNow();
	}

}
