package io.kafkademo.app.messaging;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import io.kafkademo.app.support.RunningService;
import io.kafkademo.app.support.TestKafka;
import io.kafkademo.app.support.TestKafka.Topology;
import io.kafkademo.localkafka.KafkaProvisioner;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static io.kafkademo.app.messaging.PingPongTests.sample;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Poison input never blocks a partition: it is dead-lettered (or, if that fails, skipped) and later records flow. */
@ExtendWith(OutputCaptureExtension.class)
class DeadLetterTests {

	private static final byte[] INVALID_UTF8 = { 'b', 'a', 'd', (byte) 0xC3, (byte) 0x28, (byte) 0xFF };

	@Test
	void undecodableRecordGoesToTheDeadLetterTopicAndLaterRecordsAreConsumed(CapturedOutput output) {
		Topology topology = TestKafka.provision("dlt");
		Map<String, String> env = topology.serviceB("dlt-b");
		env.put("MSG_FREQ", "1h");
		try (RunningService service = RunningService.start("kafka-demo-service-b", env)) {
			produceMixedInput(topology.fooTopic());
			await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
				assertThat(output.getOut()).contains("dlt-b received message: after the poison");
				assertThat(output.getOut()).contains(undecodable(topology) + "; published it to "
						+ topology.fooTopic() + ".DLT");
			});
			// The listener takes a whole poll at once: the records around the poison are processed once each, none
			// again when the rest of the batch is redelivered after the poison was dead-lettered.
			assertThat(output.getOut()).containsOnlyOnce("dlt-b received message: before the poison")
				.containsOnlyOnce("dlt-b received message: after the poison")
				.containsOnlyOnce("dlt-b received message: no headers at all")
				.containsOnlyOnce("dlt-b received message: garbage headers")
				.containsOnlyOnce(
						"dlt-b skipped a record with a null value (tombstone) at " + topology.fooTopic() + "-0@2")
				.containsPattern("dlt-b received message: x{256}\\.\\.\\. \\[cut, 1000000 chars in total\\]")
				.doesNotContain("Error handler threw an exception");
			List<ConsumerRecord<byte[], byte[]>> deadLetters = readAll(topology.fooTopic() + ".DLT", 1);
			assertThat(deadLetters).singleElement().satisfies((record) -> {
				assertThat(record.value()).isEqualTo(INVALID_UTF8);
				assertThat(record.headers().lastHeader("kafka_dlt-original-offset")).isNotNull();
			});
			String scrape = service.prometheus();
			assertThat(sample(scrape, "kafka_demo_messages_dead_lettered_total", "outcome=\"published\"")).isEqualTo(1);
			assertThat(sample(scrape, "kafka_demo_message_failures_total", "stage=\"consume\"")).isEqualTo(1);
			assertThat(sample(scrape, "kafka_demo_messages_skipped_total", "reason=\"tombstone\"")).isEqualTo(1);
		}
	}

	@Test
	void undecodableRecordIsSkippedWhenTheDeadLetterTopicIsNotWritable(CapturedOutput output) {
		Topology topology = TestKafka.provision("nodlt");
		KafkaProvisioner provisioner = TestKafka.provisioner();
		String user = topology.userB() + "-no-dlt";
		provisioner.createUser(user, topology.passwordB());
		provisioner.allowWrite(user, topology.barTopic());
		provisioner.allowRead(user, topology.fooTopic(), topology.groupB());
		Map<String, String> env = topology.serviceB("nodlt-b");
		env.put("KAFKA_SASL_USERNAME", user);
		env.put("MSG_FREQ", "1h");
		try (RunningService service = RunningService.start("kafka-demo-service-b", env)) {
			produceMixedInput(topology.fooTopic());
			await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
				assertThat(output.getOut()).contains("nodlt-b received message: after the poison");
				assertThat(output.getOut()).containsPattern(Pattern.quote(undecodable(topology) + " nor publish it to "
						+ topology.fooTopic() + ".DLT (") + ".*TopicAuthorizationException.*\\); skipped it");
			});
			assertThat(sample(service.prometheus(), "kafka_demo_messages_dead_lettered_total", "outcome=\"dropped\""))
				.isEqualTo(1);
			assertThat(output.getOut()).containsOnlyOnce("nodlt-b received message: after the poison")
				.doesNotContain("Error handler threw an exception");
		}
	}

	/** The start of the one line logged for the invalid UTF-8 record at offset 1. */
	private static String undecodable(Topology topology) {
		return "could not process record " + topology.fooTopic() + "-0@1 (SerializationException: value of 6 bytes from "
				+ topology.fooTopic() + " is not valid UTF-8)";
	}

	/** Good records around poison, all on partition 0 so their order is fixed. */
	private static void produceMixedInput(String topic) {
		try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of(
				ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TestKafka.broker().internalBootstrapServers()),
				new ByteArraySerializer(), new ByteArraySerializer())) {
			RecordHeaders garbage = new RecordHeaders();
			garbage.add(PingMessage.SENT_AT_HEADER, INVALID_UTF8);
			garbage.add("x-null-value", null);
			garbage.add("", new byte[] { 0 });
			producer.send(new ProducerRecord<>(topic, 0, null, utf8("before the poison")));
			producer.send(new ProducerRecord<>(topic, 0, null, INVALID_UTF8));
			producer.send(new ProducerRecord<>(topic, 0, utf8("key"), null));
			producer.send(new ProducerRecord<>(topic, 0, null, utf8("no headers at all")));
			producer.send(new ProducerRecord<>(topic, 0, INVALID_UTF8, utf8("garbage headers"), garbage));
			producer.send(new ProducerRecord<>(topic, 0, null, utf8("x".repeat(1_000_000))));
			producer.send(new ProducerRecord<>(topic, 0, null, utf8("after the poison")));
			producer.flush();
		}
	}

	private static List<ConsumerRecord<byte[], byte[]>> readAll(String topic, int expected) {
		List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
		try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(
				Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, TestKafka.broker().internalBootstrapServers(),
						ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest", ConsumerConfig.GROUP_ID_CONFIG,
						"dlt-reader-" + topic),
				new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
			consumer.subscribe(List.of(topic));
			await().atMost(Duration.ofSeconds(30)).until(() -> {
				consumer.poll(Duration.ofMillis(200)).forEach(records::add);
				return records.size() >= expected;
			});
		}
		return records;
	}

	private static byte[] utf8(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

}
