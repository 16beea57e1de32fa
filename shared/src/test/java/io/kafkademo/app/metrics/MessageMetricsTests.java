package io.kafkademo.app.metrics;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import io.kafkademo.app.messaging.MessagingProperties;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.distribution.pause.ClockDriftPauseDetector;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class MessageMetricsTests {

	private static final String CONSUMED = "bar-topic";

	private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);

	@AfterEach
	void close() {
		this.registry.close();
	}

	/**
	 * Micrometer's default pause compensation would add invented samples to the latency histogram after every JVM
	 * pause. A registry whose detector reports every scheduling delay as a pause makes that happen within the test.
	 */
	@Test
	void latencyHistogramHoldsOnlyTheRecordedLatenciesThroughPauses() {
		this.registry.config().pauseDetector(new ClockDriftPauseDetector(Duration.ofMillis(1), Duration.ofNanos(1)));
		MessageMetrics metrics = new MessageMetrics(this.registry, properties());
		long recorded = 0;
		long until = System.nanoTime() + Duration.ofMillis(300).toNanos();
		while (System.nanoTime() < until) {
			metrics.latency(CONSUMED, Duration.ofMillis(2));
			recorded++;
		}
		Timer timer = this.registry.get("kafka.demo.end.to.end.latency").tag("topic", CONSUMED).timer();
		long expected = recorded;
		await().during(Duration.ofMillis(300))
			.atMost(Duration.ofSeconds(2))
			.untilAsserted(() -> assertThat(timer.count()).as("samples in the latency histogram").isEqualTo(expected));
		assertThat(timer.max(TimeUnit.MILLISECONDS)).isEqualTo(2.0);
	}

	private static MessagingProperties properties() {
		return new MessagingProperties("foo-topic", CONSUMED, "consumer-group-A", "60", "host-a", "false", "classic");
	}

}
