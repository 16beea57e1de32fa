package io.kafkademo.app.messaging;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.kafkademo.app.health.ListenerState;
import io.kafkademo.app.support.RunningService;
import io.kafkademo.app.support.TestKafka;
import io.kafkademo.app.support.TestKafka.Topology;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Three replicas of one group share a 3-partition topic: one partition each, nothing received twice. */
@ExtendWith(OutputCaptureExtension.class)
class ConsumerGroupTests {

	private static final Pattern RECEIVED = Pattern
		.compile("(group-b-\\d) received message: This is message (\\d+) from host producer-a");

	private static Topology topology;

	private static final List<RunningService> consumers = new ArrayList<>();

	private static RunningService producer;

	@BeforeAll
	static void start() {
		topology = TestKafka.provision("groups");
		for (int i = 1; i <= 3; i++) {
			Map<String, String> env = topology.serviceB("group-b-" + i);
			// The replicas of B here only consume; A's producer provides the traffic.
			env.put("MSG_FREQ", "1h");
			consumers.add(RunningService.start("kafka-demo-service-b", env));
		}
		Map<String, String> env = topology.serviceA("producer-a");
		env.put("MSG_FREQ", "100ms");
		producer = RunningService.start("kafka-demo-service-a", env);
	}

	@AfterAll
	static void stop() {
		if (producer != null) {
			producer.close();
		}
		consumers.forEach(RunningService::close);
	}

	@Test
	void eachReplicaOwnsOnePartitionAndNoMessageIsReceivedTwice(CapturedOutput output) {
		await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
			for (RunningService consumer : consumers) {
				assertThat(consumer.context().getBean(ListenerState.class).ownedPartitions()).hasSize(1);
			}
		});
		List<String> owned = consumers.stream()
			.flatMap((consumer) -> consumer.context().getBean(ListenerState.class).ownedPartitions().stream())
			.toList();
		assertThat(owned).containsExactlyInAnyOrder(topology.fooTopic() + "-0", topology.fooTopic() + "-1",
				topology.fooTopic() + "-2");

		await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
			Map<String, Long> receivers = receivedBy(output.getOut());
			assertThat(receivers.keySet()).as("replicas that received something").hasSize(3);
			assertThat(receivedSequences(output.getOut())).hasSizeGreaterThanOrEqualTo(60);
		});
		// Stop producing (a graceful close flushes), then every acknowledged message must arrive exactly once.
		producer.close();
		producer = null;
		List<Long> acknowledged = new ArrayList<>();
		Matcher wrote = Pattern.compile("wrote message (\\d+) to " + topology.fooTopic()).matcher(output.getOut());
		while (wrote.find()) {
			acknowledged.add(Long.parseLong(wrote.group(1)));
		}
		await().atMost(Duration.ofSeconds(30))
			.untilAsserted(() -> assertThat(receivedSequences(output.getOut())).containsAll(acknowledged));
		Map<Long, Integer> times = new HashMap<>();
		receivedSequences(output.getOut()).forEach((sequence) -> times.merge(sequence, 1, Integer::sum));
		assertThat(times.entrySet()).allSatisfy((entry) -> assertThat(entry.getValue())
			.as("times message %d was received", entry.getKey())
			.isEqualTo(1));
	}

	private static Map<String, Long> receivedBy(String out) {
		Map<String, Long> counts = new HashMap<>();
		Matcher matcher = RECEIVED.matcher(out);
		while (matcher.find()) {
			counts.merge(matcher.group(1), 1L, Long::sum);
		}
		return counts;
	}

	private static List<Long> receivedSequences(String out) {
		List<Long> sequences = new ArrayList<>();
		Matcher matcher = RECEIVED.matcher(out);
		while (matcher.find()) {
			sequences.add(Long.parseLong(matcher.group(2)));
		}
		return sequences;
	}

}
