package io.kafkademo.app.messaging;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.kafkademo.app.support.RunningService;
import io.kafkademo.app.support.TestKafka;
import io.kafkademo.app.support.TestKafka.Topology;
import io.kafkademo.localkafka.KafkaProvisioner;
import org.apache.kafka.common.record.CompressionType;
import org.apache.kafka.common.record.MemoryRecords;
import org.apache.kafka.common.record.RecordBatch;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Service A and Service B together on the real SCRAM broker: the ping-pong of the original demo. */
@ExtendWith(OutputCaptureExtension.class)
class PingPongTests {

	private static Topology topology;

	private static RunningService serviceA;

	private static RunningService serviceB;

	@BeforeAll
	static void startBoth() {
		topology = TestKafka.provision("pingpong");
		Map<String, String> envA = topology.serviceA("host-a");
		envA.put("MSG_FREQ", "200ms");
		Map<String, String> envB = topology.serviceB("host-b");
		envB.put("MSG_FREQ", "200ms");
		serviceA = RunningService.start("kafka-demo-service-a", envA);
		serviceB = RunningService.start("kafka-demo-service-b", envB);
	}

	@AfterAll
	static void stopBoth() {
		serviceA.close();
		serviceB.close();
	}

	@Test
	void eachServiceReceivesTheOthersMessagesAndLogsTheOriginalLines(CapturedOutput output) {
		await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
			assertThat(output.getOut()).contains("host-b received message: This is message 3 from host host-a");
			assertThat(output.getOut()).contains("host-a received message: This is message 3 from host host-b");
		});
		assertThat(output.getOut()).containsPattern(
				Pattern.compile("wrote message \\d+ to " + topology.fooTopic() + " \\(partition: [0-2], offset: \\d+\\)"));
		assertThat(output.getOut()).containsPattern(
				Pattern.compile("wrote message \\d+ to " + topology.barTopic() + " \\(partition: [0-2], offset: \\d+\\)"));
	}

	@Test
	void bothServicesBecomeReady() {
		await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
			assertThat(serviceA.readiness()).isEqualTo(200);
			assertThat(serviceB.readiness()).isEqualTo(200);
		});
		assertThat(serviceA.get("/actuator/health/liveness").statusCode()).isEqualTo(200);
	}

	@Test
	void metricFamiliesAppearWithSensibleValues() {
		await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
			String scrape = serviceB.prometheus();
			assertThat(sample(scrape, "kafka_demo_messages_produced_total", "application=\"kafka-demo-service-b\"",
					"topic=\"" + topology.barTopic() + "\"")).isGreaterThanOrEqualTo(3);
			assertThat(sample(scrape, "kafka_demo_messages_consumed_total", "application=\"kafka-demo-service-b\"",
					"group=\"" + topology.groupB() + "\"", "topic=\"" + topology.fooTopic() + "\""))
				.isGreaterThanOrEqualTo(3);
			assertThat(sample(scrape, "kafka_demo_message_failures_total", "stage=\"produce\"",
					"topic=\"" + topology.barTopic() + "\"")).isZero();
			assertThat(sample(scrape, "kafka_demo_message_failures_total", "stage=\"consume\"",
					"topic=\"" + topology.fooTopic() + "\"")).isZero();
			double count = sample(scrape, "kafka_demo_end_to_end_latency_seconds_count",
					"topic=\"" + topology.fooTopic() + "\"");
			double sum = sample(scrape, "kafka_demo_end_to_end_latency_seconds_sum",
					"topic=\"" + topology.fooTopic() + "\"");
			assertThat(count).isGreaterThanOrEqualTo(3);
			assertThat(sum / count).as("mean end-to-end latency in seconds").isBetween(0.0, 5.0);
			assertThat(scrape).contains("kafka_demo_end_to_end_latency_seconds_bucket{");
		});
		// Boot's own binding of the Kafka client metrics is kept alongside ours.
		assertThat(serviceA.prometheus()).contains("kafka_producer_record_send_total")
			.contains("kafka_consumer_fetch_manager_records_consumed_total");
	}

	@Test
	void recordsAreStoredInLz4CompressedBatches() {
		await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
			assertThat(batchCompression(topology.fooTopic())).isNotEmpty().containsOnly(CompressionType.LZ4);
			assertThat(batchCompression(topology.barTopic())).isNotEmpty().containsOnly(CompressionType.LZ4);
		});
	}

	@Test
	void actuatorExposesNeitherEnvironmentNorConfigurationProperties() {
		assertThat(serviceA.get("/actuator/env").statusCode()).isEqualTo(404);
		assertThat(serviceA.get("/actuator/configprops").statusCode()).isEqualTo(404);
		String everything = serviceA.get("/actuator/health").body() + serviceA.prometheus()
				+ serviceA.get("/actuator").body();
		assertThat(everything).doesNotContain(topology.passwordA());
	}

	/**
	 * The compression of every batch of {@code topic}, read from the broker's log segments (by name only: the broker
	 * replaces its checkpoint files while we look). A copy of the bytes, not Kafka's {@code FileRecords}: closing one
	 * truncates the file to the size it had when opened, which fails on a segment the broker appended to meanwhile
	 * (and, opened writable, would cut it). A batch still being written at the end is not returned.
	 */
	private static List<CompressionType> batchCompression(String topic) throws IOException {
		List<CompressionType> compression = new ArrayList<>();
		for (int partition = 0; partition < KafkaProvisioner.DEMO_PARTITIONS; partition++) {
			Path directory = TestKafka.broker().dataDir().resolve(topic + "-" + partition);
			try (DirectoryStream<Path> segments = Files.newDirectoryStream(directory, "*.log")) {
				for (Path segment : segments) {
					MemoryRecords records = MemoryRecords.readableRecords(ByteBuffer.wrap(Files.readAllBytes(segment)));
					for (RecordBatch batch : records.batches()) {
						compression.add(batch.compressionType());
					}
				}
			}
		}
		return compression;
	}

	/** The value of the one sample of {@code family} whose labels include all of {@code labels}. */
	static double sample(String scrape, String family, String... labels) {
		Matcher matcher = Pattern.compile("(?m)^" + family + "\\{([^}]*)\\} (\\S+)").matcher(scrape);
		while (matcher.find()) {
			String found = matcher.group(1);
			boolean all = true;
			for (String label : labels) {
				all &= found.contains(label);
			}
			if (all) {
				return Double.parseDouble(matcher.group(2));
			}
		}
		throw new AssertionError("no sample of " + family + " with " + String.join(",", labels));
	}

}
