package io.kafkademo.reliability.poison;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * What one poison run wrote, as kafkajs saw it acknowledged.
 * @param host the host name in the good records' text, and the name of the run's log
 * @param topic the topic written to
 * @param sent records acknowledged
 * @param good decodable records of ordinary size (with our headers, none, or garbage ones)
 * @param big decodable records with a 1 MiB value
 * @param failed records that could not be sent
 * @param undecodable where the values that are not UTF-8 landed
 * @param nullValues where the null values landed
 * @param log the run's output: "wrote message N ..." lines in the services' format
 * @param took how long sending took
 */
public record PoisonRun(String host, String topic, int sent, int good, int big, int failed,
		List<Position> undecodable, List<Position> nullValues, Path log, Duration took) {

	public PoisonRun {
		undecodable = List.copyOf(undecodable);
		nullValues = List.copyOf(nullValues);
	}

	/** A record's place: {@code foo-topic-1@42}. */
	public record Position(String topic, int partition, long offset) {

		@Override
		public String toString() {
			return this.topic + "-" + this.partition + "@" + this.offset;
		}

	}

}
