package io.kafkademo.localstack;

import java.time.Instant;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ReplicaLogTests {

	// Copied from a real ./run-local run (LOG_FORMAT=text, LOG_LEVEL=info).
	private static final String PREFIX = "2026-11-29T02:46:07.000Z  INFO 8966 --- [kafka-demo-service-a] ";

	static String info(String thread, String logger, String message) {
		return PREFIX + "[" + thread + "] " + logger + " : " + message;
	}

	static String wrote(long sequence, String topic, int partition, long offset) {
		return info("ce-a-producer-1", "i.kafkademo.app.messaging.PingProducer  ", "wrote message " + sequence
				+ " to " + topic + " (partition: " + partition + ", offset: " + offset + ")");
	}

	static String received(String host, long sequence, String from) {
		return info("-listener-0-C-1", "i.kafkademo.app.messaging.PongListener  ", host
				+ " received message: This is message " + sequence + " from host " + from);
	}

	static String owning(String change, String changed, String owned) {
		return info("-listener-0-C-1", "io.kafkademo.app.health.ListenerState   ", "partitions " + change + ": ["
				+ changed + "]; now owning [" + owned + "]");
	}

	@Test
	void countsAcknowledgedMessagesWithTheirSequenceNumbers() {
		ReplicaLog log = new ReplicaLog();

		log.accept(wrote(0, "foo-topic", 2, 4));
		log.accept(wrote(2, "foo-topic", 2, 5));
		log.accept(wrote(1, "foo-topic", 0, 7));

		assertThat(log.produced()).isEqualTo(3);
		assertThat(log.producedSequences()).containsExactly(0L, 2L, 1L);
		assertThat(log.consumed()).isZero();
	}

	@Test
	void countsReceivedMessagesAndKnowsWhoSentThemAndWhenTheFirstArrived() {
		ReplicaLog log = new ReplicaLog();
		Instant before = Instant.now();

		log.accept(received("kafka-demo-service-a-1", 0, "kafka-demo-service-b-3"));
		Instant after = Instant.now();
		log.accept(received("kafka-demo-service-a-1", 7, "kafka-demo-service-b-1"));
		log.accept(info("-listener-0-C-1", "i.kafkademo.app.messaging.PongListener  ",
				"kafka-demo-service-a-1 received message: hello from somewhere else"));
		log.accept(received("kafka-demo-service-a-1", 7, "kafka-demo-service-b-1"));

		assertThat(log.consumed()).isEqualTo(4);
		assertThat(log.received()).containsExactly(new MessageId("kafka-demo-service-b-3", 0),
				new MessageId("kafka-demo-service-b-1", 7), new MessageId("kafka-demo-service-b-1", 7));
		assertThat(log.firstConsumedAt()).hasValueSatisfying((at) -> assertThat(at).isBetween(before, after));
	}

	@Test
	void ownedPartitionsAreThoseOfTheLatestRebalance() {
		ReplicaLog log = new ReplicaLog();
		assertThat(log.ownedPartitions()).isEmpty();

		log.accept(owning("assigned", "bar-topic-0, bar-topic-1, bar-topic-2", "bar-topic-0, bar-topic-1, bar-topic-2"));
		log.accept(owning("revoked", "bar-topic-1, bar-topic-2", "bar-topic-0"));
		assertThat(log.ownedPartitions()).containsExactly("bar-topic-0");

		log.accept(owning("assigned", "", "bar-topic-0"));
		assertThat(log.ownedPartitions()).containsExactly("bar-topic-0");

		log.accept(PREFIX.replace(" INFO", " WARN") + "[-listener-0-C-1] io.kafkademo.app.health.ListenerState    : "
				+ "partitions lost: [bar-topic-0]; now owning []");
		assertThat(log.ownedPartitions()).isEmpty();
	}

	@Test
	void countsErrorsAndWarningsButNotStackTraceLines() {
		ReplicaLog log = new ReplicaLog();
		String error = PREFIX.replace(" INFO", "ERROR") + "[           main] i.k.app.config.OneLineFailureReporter    : "
				+ "Start-up failed: MSG_FREQ: \"ten\" is not a number of seconds or a duration";

		log.accept(error);
		log.accept("java.lang.IllegalStateException: ERROR in a message is not an ERROR line");
		log.accept("\tat io.kafkademo.app.Something.run(Something.java:12)");
		log.accept(PREFIX.replace(" INFO", " WARN") + "[           main] i.k.app.health.KafkaClusterProbe         : "
				+ "Kafka cluster check failed for localhost:19999");
		log.accept(info("main", "i.k.servicea.ServiceAApplication         ", "ERROR is just a word here"));

		assertThat(log.errors()).isEqualTo(1);
		assertThat(log.errorLines()).containsExactly(error);
		assertThat(log.warnings()).isEqualTo(1);
		assertThat(log.lines()).isEqualTo(5);
	}

	@Test
	void keepsOnlyTheFirstErrorLinesButCountsAll() {
		ReplicaLog log = new ReplicaLog();
		for (int i = 0; i < ReplicaLog.KEPT_ERROR_LINES + 5; i++) {
			log.accept(PREFIX.replace(" INFO", "ERROR") + "[main] logger : failure " + i);
		}

		assertThat(log.errors()).isEqualTo(ReplicaLog.KEPT_ERROR_LINES + 5);
		assertThat(log.errorLines()).hasSize(ReplicaLog.KEPT_ERROR_LINES).first().asString().endsWith("failure 0");
	}

	@Test
	void readsOnlyTheTextFormatTheLauncherSets() {
		ReplicaLog log = new ReplicaLog();

		log.accept("{\"@timestamp\":\"2026-11-29T02:46:07Z\",\"log.level\":\"ERROR\",\"message\":\"json\"}");
		log.accept("Launcher process 42 exited: shutting down");

		assertThat(log.errors()).isZero();
		assertThat(log.produced()).isZero();
		assertThat(log.consumed()).isZero();
		assertThat(log.firstConsumedAt()).isEmpty();
	}

}
