package io.kafkademo.app.metrics;

import java.time.Duration;

import io.micrometer.core.instrument.Clock;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.prometheus.PrometheusMetricsExportAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class CoarseWallClockTests {

	private static final Duration RESOLUTION = Duration.ofMillis(20);

	@Test
	void wallTimeFollowsTheSystemClockWithinItsResolution() {
		try (CoarseWallClock clock = new CoarseWallClock(RESOLUTION)) {
			long first = clock.wallTime();
			await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
				long before = System.currentTimeMillis();
				long wallTime = clock.wallTime();
				long after = System.currentTimeMillis();
				// A tick can be late when the machine is busy; twice the resolution and 100 ms leave room for that.
				assertThat(wallTime).isBetween(before - 2 * RESOLUTION.toMillis() - 100, after);
				assertThat(wallTime).as("wall time after several ticks").isGreaterThanOrEqualTo(first + 100);
			});
		}
	}

	@Test
	void wallTimeStandsStillOnceClosed() {
		CoarseWallClock clock = new CoarseWallClock(RESOLUTION);
		clock.close();
		assertWallTimeStandsStill(clock);
	}

	@Test
	void monotonicTimeIsTheSystemsNanoTime() {
		try (CoarseWallClock clock = new CoarseWallClock(RESOLUTION)) {
			long before = System.nanoTime();
			long monotonic = clock.monotonicTime();
			long after = System.nanoTime();
			assertThat(monotonic).isBetween(before, after);
		}
	}

	@Test
	void isTheClockOfTheAutoConfiguredRegistryAndStopsWithTheContext() {
		Clock[] used = new Clock[1];
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(MetricsAutoConfiguration.class,
					PrometheusMetricsExportAutoConfiguration.class))
			.withUserConfiguration(MeterClockConfiguration.class)
			.run((context) -> {
				used[0] = context.getBean(MeterRegistry.class).config().clock();
				assertThat(context.getBean(MeterRegistry.class)).isInstanceOf(PrometheusMeterRegistry.class);
				assertThat(used[0]).isInstanceOf(CoarseWallClock.class).isSameAs(context.getBean(Clock.class));
			});
		assertWallTimeStandsStill((CoarseWallClock) used[0]);
	}

	/** With a resolution of 100 ms, a refreshing clock would move within the 400 ms watched. */
	private static void assertWallTimeStandsStill(CoarseWallClock clock) {
		long stopped = clock.wallTime();
		await().during(Duration.ofMillis(400))
			.atMost(Duration.ofSeconds(2))
			.untilAsserted(() -> assertThat(clock.wallTime()).isEqualTo(stopped));
	}

}
