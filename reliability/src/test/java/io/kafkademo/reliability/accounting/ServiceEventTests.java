package io.kafkademo.reliability.accounting;

import java.util.List;

import io.kafkademo.reliability.accounting.ServiceEvent.Acked;
import io.kafkademo.reliability.accounting.ServiceEvent.DeadLettered;
import io.kafkademo.reliability.accounting.ServiceEvent.Rebalance;
import io.kafkademo.reliability.accounting.ServiceEvent.Received;
import io.kafkademo.reliability.accounting.ServiceEvent.SendFailed;
import io.kafkademo.reliability.accounting.ServiceEvent.Tombstone;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ServiceEventTests {

	private static final String PREFIX = "2026-11-28T17:58:48.065Z  INFO 100 --- [kafka-demo-service-b] [thread] logger : ";

	@Test
	void readsAcknowledgements() {
		assertThat(event("wrote message 12 to bar-topic (partition: 2, offset: 80)")).isInstanceOfSatisfying(
				Acked.class, (acked) -> {
					assertThat(acked.replica()).isEqualTo("kafka-demo-service-b-1");
					assertThat(acked.pid()).isEqualTo(100);
					assertThat(acked.sequence()).isEqualTo(12);
					assertThat(acked.topic()).isEqualTo("bar-topic");
					assertThat(acked.partition()).isEqualTo(2);
					assertThat(acked.offset()).isEqualTo(80);
				});
	}

	@Test
	void readsFailedSendsWithTheirRepeatCount() {
		assertThat(event("failed to send message 7 to bar-topic: TimeoutException: Expiring 1 record(s) (12 more like "
				+ "it since the last report)"))
			.isEqualTo(new SendFailed("kafka-demo-service-b-1", 100, time(), 7, "bar-topic"));
	}

	@Test
	void readsDeliveriesIncludingValuesCutShort() {
		assertThat(event("kafka-demo-service-b-1 received message: This is message 3 from host kafka-demo-service-a-2"))
			.isEqualTo(new Received("kafka-demo-service-b-1", 100, time(), "kafka-demo-service-a-2", 3));
		assertThat(event("kafka-demo-service-b-1 received message: This is message 25 from host kafkajs-poison-1 xxxx"
				+ "... [cut, 1048576 chars in total]"))
			.isEqualTo(new Received("kafka-demo-service-b-1", 100, time(), "kafkajs-poison-1", 25));
		assertThat(ServiceEvent.parse("b", PREFIX + "b received message: hello from the Go service")).isEmpty();
	}

	@Test
	void readsDeadLettersAndTombstones() {
		assertThat(event("could not process record foo-topic-1@42 (SerializationException: value of 2 bytes from "
				+ "foo-topic is not valid UTF-8); published it to foo-topic.DLT"))
			.isEqualTo(new DeadLettered("kafka-demo-service-b-1", 100, time(), "foo-topic", 1, 42, true));
		assertThat(event("could not process record foo-topic-0@7 (SerializationException: value of 2 bytes from "
				+ "foo-topic is not valid UTF-8) nor publish it to foo-topic.DLT (TopicAuthorizationException: Not "
				+ "authorized to access topics: [foo-topic.DLT]); skipped it"))
			.isEqualTo(new DeadLettered("kafka-demo-service-b-1", 100, time(), "foo-topic", 0, 7, false));
		assertThat(event("kafka-demo-service-b-1 skipped a record with a null value (tombstone) at foo-topic-2@9"))
			.isEqualTo(new Tombstone("kafka-demo-service-b-1", 100, time(), "foo-topic", 2, 9));
	}

	@Test
	void readsRebalances() {
		assertThat(event("partitions assigned: [foo-topic-1]; now owning [foo-topic-0, foo-topic-1]"))
			.isEqualTo(new Rebalance("kafka-demo-service-b-1", 100, time(), Rebalance.Kind.ASSIGNED,
					List.of("foo-topic-1"), List.of("foo-topic-0", "foo-topic-1")));
		assertThat(event("partitions lost: [foo-topic-0, foo-topic-1]; now owning []")).isInstanceOfSatisfying(
				Rebalance.class, (rebalance) -> {
					assertThat(rebalance.kind()).isEqualTo(Rebalance.Kind.LOST);
					assertThat(rebalance.owning()).isEmpty();
				});
	}

	private static ServiceEvent event(String message) {
		return ServiceEvent.parse("kafka-demo-service-b-1", PREFIX + message).orElseThrow();
	}

	private static java.time.Instant time() {
		return java.time.Instant.parse("2026-11-28T17:58:48.065Z");
	}

}
