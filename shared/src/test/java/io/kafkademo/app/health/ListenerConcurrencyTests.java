package io.kafkademo.app.health;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.kafkademo.app.support.RunningService;
import io.kafkademo.app.support.TestKafka;
import io.kafkademo.app.support.TestKafka.Topology;
import org.junit.jupiter.api.Test;

import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;
import org.springframework.kafka.listener.KafkaMessageListenerContainer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Boot's {@code spring.kafka.listener.concurrency} above 1: one replica runs a consumer per partition, and readiness
 * and the owned partitions follow each consumer, not whichever reported last.
 */
class ListenerConcurrencyTests {

	@Test
	void oneStoppedConsumerTurnsReadinessDownWhileTheOthersKeepEveryPartition() {
		Topology topology = TestKafka.provision("concurrency");
		Map<String, String> env = topology.serviceB("concurrent-b");
		env.put("MSG_FREQ", "1h");
		// SPRING_KAFKA_LISTENER_CONCURRENCY=3 in a pod; RunningService passes its environment as arguments.
		env.put("spring.kafka.listener.concurrency", "3");
		List<String> everyPartition = List.of(topology.fooTopic() + "-0", topology.fooTopic() + "-1",
				topology.fooTopic() + "-2");
		try (RunningService service = RunningService.start("kafka-demo-service-b", env)) {
			ListenerState state = service.context().getBean(ListenerState.class);
			ConcurrentMessageListenerContainer<?, ?> listener = (ConcurrentMessageListenerContainer<?, ?>) service
				.context()
				.getBean(KafkaListenerEndpointRegistry.class)
				.getListenerContainer("pong-listener");
			await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
				assertThat(service.readiness()).isEqualTo(200);
				assertThat(state.ownedPartitions()).containsExactlyElementsOf(everyPartition);
				assertThat(listener.getContainers()).allSatisfy((consumer) -> assertThat(
						consumer.getAssignedPartitions())
					.as("partitions of %s", consumer.getBeanName())
					.hasSize(1));
			});

			KafkaMessageListenerContainer<?, ?> first = listener.getContainers().get(0);
			first.stop();

			// The cooperative assignor hands the stopped consumer's partition to another one and leaves theirs alone.
			await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
				assertThat(first.isRunning()).isFalse();
				assertThat(listener.getAssignedPartitions()).hasSize(3);
				assertThat(service.readiness()).as("readiness with one consumer of three stopped").isEqualTo(503);
				assertThat(state.ownedPartitions()).containsExactlyElementsOf(everyPartition);
			});
			assertThat(service.get("/actuator/health/readiness").body()).contains("\"listener\":\"not running\"");
		}
	}

}
