package io.kafkademo.app.logging;

import java.time.Instant;
import java.util.List;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class EcsTimestampWriterTests {

	private final EcsTimestampWriter writer = new EcsTimestampWriter();

	@Test
	void writesWhatInstantToStringWritesForEveryPrecisionAndRange() {
		List<Instant> instants = List.of(Instant.EPOCH, Instant.parse("2026-12-05T22:23:21Z"),
				Instant.parse("2026-12-05T22:23:21.100Z"), Instant.parse("2026-12-05T22:23:21.123Z"),
				Instant.parse("2026-12-05T22:23:21.123400Z"), Instant.parse("2026-12-05T22:23:21.000001Z"),
				Instant.parse("2026-12-05T22:23:21.123456789Z"), Instant.parse("2026-12-05T22:23:21.000000001Z"),
				Instant.parse("2026-12-05T22:23:22.5Z"), Instant.parse("2026-12-05T22:23:21.7Z"),
				Instant.ofEpochSecond(-1, 500_000_000), Instant.parse("0999-01-01T00:00:00.010Z"),
				Instant.parse("+10000-01-01T00:00:00.25Z"), Instant.MIN, Instant.MAX);
		for (Instant instant : instants) {
			assertThat(written(instant)).isEqualTo(instant.toString());
		}
	}

	@Test
	void writesWhatInstantToStringWritesForALogOfEvents() {
		SplittableRandom random = new SplittableRandom(42);
		Instant instant = Instant.parse("2026-12-05T23:59:58Z");
		for (int i = 0; i < 100_000; i++) {
			// Steps of up to ~20 ms, some of them in whole milliseconds or microseconds, as clocks give them.
			long step = random.nextLong(20_000_000);
			int precision = random.nextInt(3);
			step -= (precision == 0) ? step % 1_000_000 : (precision == 1) ? step % 1_000 : 0;
			instant = instant.plusNanos(step);
			assertThat(written(instant)).isEqualTo(instant.toString());
		}
	}

	private String written(Instant instant) {
		StringBuilder line = new StringBuilder("{");
		this.writer.append(line, instant);
		return line.substring(1);
	}

}
