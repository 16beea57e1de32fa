package io.kafkademo.bench;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.kafkademo.localkafka.KafkaProvisioner;
import io.kafkademo.localkafka.ScramKafkaBroker;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The local SCRAM broker the whole run uses, with one SCRAM user for Kafka's tools and one for the services, each with
 * the same ACLs on the bench topics (3 partitions) and on consumer groups named {@code bench-*}.
 */
final class Lab implements AutoCloseable {

	static final int PARTITIONS = 3;

	static final String GROUP_PREFIX = "bench-";

	private static final String TOOLS_USER = "bench-tools";

	private static final String SERVICE_USER = "bench-service";

	private final Path workDir;

	private final ScramKafkaBroker broker;

	private final KafkaProvisioner provisioner;

	private final String toolsPassword = UUID.randomUUID().toString();

	private final String servicePassword = UUID.randomUUID().toString();

	private final Path toolsConfig;

	private Lab(Path workDir, ScramKafkaBroker broker) throws IOException {
		this.workDir = workDir;
		this.broker = broker;
		this.provisioner = new KafkaProvisioner(broker.admin());
		this.provisioner.createUser(TOOLS_USER, this.toolsPassword);
		this.provisioner.createUser(SERVICE_USER, this.servicePassword);
		allowGroups(TOOLS_USER);
		allowGroups(SERVICE_USER);
		this.toolsConfig = workDir.resolve("tools-client.properties");
		Properties properties = new Properties();
		broker.clientProperties(TOOLS_USER, this.toolsPassword).forEach((key, value) -> properties.put(key, value));
		try (OutputStream out = Files.newOutputStream(this.toolsConfig)) {
			properties.store(out, "SASL_SSL + SCRAM-SHA-512 client settings for ProducerPerformance/ConsumerPerformance");
		}
		createOffsetsTopic();
	}

	/**
	 * Commits one offset so that the broker creates {@code __consumer_offsets} (50 partitions) now: otherwise the
	 * first measured consumer pays for it, and its group join can even fail while it is being created.
	 */
	private void createOffsetsTopic() {
		String topic = GROUP_PREFIX + "warm-up";
		this.provisioner.createTopic(topic, 1);
		try {
			this.broker.admin()
				.alterConsumerGroupOffsets(GROUP_PREFIX + "warm-up",
						Map.of(new TopicPartition(topic, 0), new OffsetAndMetadata(0)))
				.all()
				.get(60, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
		catch (ExecutionException | TimeoutException ex) {
			throw new IllegalStateException("cannot create __consumer_offsets", ex);
		}
	}

	/** Starts a fresh broker in {@code workDir/broker}. */
	static Lab start(Path workDir) throws IOException {
		Path brokerDir = workDir.resolve("broker");
		Files.createDirectories(brokerDir);
		// As kafka-server-start.sh runs a broker (1 GiB heap, G1 with a 20 ms pause goal), so that its pauses do not
		// pass for the services' latency.
		ScramKafkaBroker broker = ScramKafkaBroker.builder()
			.workDir(brokerDir)
			.heap("1g")
			.kafkaScriptJvm()
			.build()
			.start();
		return new Lab(workDir, broker);
	}

	ScramKafkaBroker broker() {
		return this.broker;
	}

	/** The client properties file Kafka's tools get ({@code --producer.config}, {@code --consumer.config}). */
	Path toolsConfig() {
		return this.toolsConfig;
	}

	/** Creates {@code topic} (3 partitions) and lets both users read and write it. */
	void topic(String topic) {
		this.provisioner.createTopic(topic, PARTITIONS);
		for (String user : List.of(TOOLS_USER, SERVICE_USER)) {
			this.provisioner.allowWrite(user, topic);
			this.provisioner.allowRead(user, topic, GROUP_PREFIX + "unused");
		}
	}

	private void allowGroups(String user) {
		AclBinding binding = new AclBinding(new ResourcePattern(ResourceType.GROUP, GROUP_PREFIX, PatternType.PREFIXED),
				new AccessControlEntry("User:" + user, "*", AclOperation.READ, AclPermissionType.ALLOW));
		try {
			this.broker.admin().createAcls(List.of(binding)).all().get();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
		catch (ExecutionException ex) {
			throw new IllegalStateException("cannot create group ACL for " + user, ex.getCause());
		}
	}

	/** The environment of a service replica: the contract's variables, pointing at this broker as the service user. */
	Map<String, String> serviceEnvironment(String produceTopic, String consumeTopic, String group, String host) {
		Map<String, String> env = new HashMap<>();
		env.put("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
		env.put("HOSTNAME", host);
		env.put("TOPIC1", produceTopic);
		env.put("TOPIC2", consumeTopic);
		env.put("GROUP", group);
		env.put("KAFKA_BOOTSTRAP_SERVERS", this.broker.bootstrapServers());
		env.put("KAFKA_SECURITY_PROTOCOL", "SASL_SSL");
		env.put("KAFKA_SASL_USERNAME", SERVICE_USER);
		env.put("KAFKA_SASL_PASSWORD", this.servicePassword);
		env.put("KAFKA_SSL_TRUSTSTORE_LOCATION", this.broker.truststore().toString());
		env.put("KAFKA_SSL_TRUSTSTORE_PASSWORD", this.broker.truststorePassword());
		env.put("KAFKA_SSL_TRUSTSTORE_TYPE", this.broker.truststoreType());
		return env;
	}

	/**
	 * Writes {@code count} records shaped like the services' ping messages to {@code topic}: key = sequence, value
	 * {@code This is message N from host bench-filler} padded to {@code valueBytes}, and the services' send-time
	 * header. Uncompressed, as Kafka's defaults write them (the services compress with LZ4): a 1 KiB value padded
	 * with dots would shrink to a few bytes, and the figures stay comparable with the runs before the compression.
	 */
	void fill(String topic, int count, int valueBytes) {
		Map<String, Object> config = new HashMap<>(this.broker.clientProperties(TOOLS_USER, this.toolsPassword));
		config.put(ProducerConfig.ACKS_CONFIG, "all");
		config.put(ProducerConfig.LINGER_MS_CONFIG, 20);
		config.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
		try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(config, new StringSerializer(),
				new ByteArraySerializer())) {
			List<Future<RecordMetadata>> pending = new ArrayList<>();
			for (int i = 0; i < count; i++) {
				RecordHeaders headers = new RecordHeaders();
				headers.add("kafka-demo-sent-at", bytes(Long.toString(System.currentTimeMillis())));
				pending.add(producer.send(new ProducerRecord<>(topic, null, Integer.toString(i),
						pingValue(i, valueBytes), headers)));
				if (pending.size() >= 10_000) {
					await(pending);
				}
			}
			await(pending);
		}
	}

	/** {@code This is message N from host bench-filler}, padded with {@code .} or cut to {@code bytes}. */
	static byte[] pingValue(long sequence, int bytes) {
		StringBuilder value = new StringBuilder("This is message ").append(sequence).append(" from host bench-filler");
		while (value.length() < bytes) {
			value.append('.');
		}
		value.setLength(bytes);
		return bytes(value.toString());
	}

	private static byte[] bytes(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

	private static void await(List<Future<RecordMetadata>> pending) {
		try {
			for (Future<RecordMetadata> future : pending) {
				future.get();
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
		catch (ExecutionException ex) {
			throw new IllegalStateException("filling a topic failed", ex.getCause());
		}
		pending.clear();
	}

	/** Sum of the end offsets of {@code topic}'s partitions: how many records it holds. */
	long records(String topic) {
		Map<TopicPartition, OffsetSpec> request = new HashMap<>();
		for (int partition = 0; partition < PARTITIONS; partition++) {
			request.put(new TopicPartition(topic, partition), OffsetSpec.latest());
		}
		try {
			return this.broker.admin()
				.listOffsets(request)
				.all()
				.get()
				.values()
				.stream()
				.mapToLong((info) -> info.offset())
				.sum();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
		catch (ExecutionException ex) {
			throw new IllegalStateException("cannot list offsets of " + topic, ex.getCause());
		}
	}

	Path workDir() {
		return this.workDir;
	}

	/** Stops the broker and deletes its data (the topics can be several hundred MB). */
	@Override
	public void close() throws IOException {
		this.broker.close();
		Files.walk(this.workDir.resolve("broker").resolve("data"))
			.sorted(java.util.Comparator.reverseOrder())
			.forEach((path) -> path.toFile().delete());
	}

}
