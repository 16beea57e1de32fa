package io.kafkademo.app.metrics;

import java.time.Duration;

import io.micrometer.core.instrument.Clock;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The clock of every meter registry, in place of Spring Boot's default {@link Clock#SYSTEM}. */
@Configuration(proxyBeanMethods = false)
class MeterClockConfiguration {

	/** How old the wall time Micrometer sees may be: a tenth of a second, ten reads of the system clock a second. */
	static final Duration WALL_TIME_RESOLUTION = Duration.ofMillis(100);

	@Bean
	Clock micrometerClock() {
		return new CoarseWallClock(WALL_TIME_RESOLUTION);
	}

}
