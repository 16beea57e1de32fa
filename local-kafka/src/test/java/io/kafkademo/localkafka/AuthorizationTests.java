package io.kafkademo.localkafka;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.errors.GroupAuthorizationException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

class AuthorizationTests {

	@TempDir
	static Path workDir;

	private static ScramKafkaBroker broker;

	private static KafkaProvisioner provisioner;

	private String topic;

	private String user;

	@BeforeAll
	static void startBroker() {
		broker = ScramKafkaBroker.builder().workDir(workDir).build().start();
		provisioner = new KafkaProvisioner(broker.admin());
	}

	@AfterAll
	static void closeBroker() {
		broker.close();
	}

	@BeforeEach
	void createTopicAndUser() {
		this.topic = TestClients.unique("topic");
		this.user = TestClients.unique("svc");
		provisioner.createTopic(this.topic, 3);
		provisioner.createTopic(this.topic, 3);
		provisioner.createUser(this.user, "pw");
	}

	@Test
	void userWithoutAclCannotProduce() {
		assertThatThrownBy(() -> send(this.user, this.topic, "denied")).isInstanceOf(TopicAuthorizationException.class)
			.hasMessageContaining(this.topic);
	}

	@Test
	void userWithWriteAclProducesIdempotently() throws Exception {
		provisioner.allowWrite(this.user, this.topic);
		provisioner.allowWrite(this.user, this.topic);
		Map<String, Object> properties = broker.clientProperties(this.user, "pw");
		properties.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);

		assertThat(send(properties, this.topic, "allowed").topic()).isEqualTo(this.topic);
	}

	@Test
	void userWithReadAclConsumesInItsGroup() throws Exception {
		String group = TestClients.unique("group");
		provisioner.allowRead(this.user, this.topic, group);
		sendAsSuperUser(this.topic, "hello");

		try (KafkaConsumer<String, String> consumer = TestClients.consumer(broker.clientProperties(this.user, "pw"),
				group)) {
			consumer.subscribe(List.of(this.topic));
			List<String> values = new ArrayList<>();
			await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
				for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
					values.add(record.value());
				}
				assertThat(values).containsExactly("hello");
			});
			consumer.commitSync();
		}
	}

	@Test
	void userWithReadAclCannotConsumeInAnotherGroup() {
		provisioner.allowRead(this.user, this.topic, TestClients.unique("group"));

		try (KafkaConsumer<String, String> consumer = TestClients.consumer(broker.clientProperties(this.user, "pw"),
				TestClients.unique("other-group"))) {
			consumer.subscribe(List.of(this.topic));
			assertThatThrownBy(() -> consumer.poll(Duration.ofSeconds(10)))
				.isInstanceOf(GroupAuthorizationException.class);
		}
	}

	@Test
	void revokedAccessIsDeniedUntilRestored() throws Exception {
		provisioner.allowWrite(this.user, this.topic);
		send(this.user, this.topic, "before");

		provisioner.revokeAll(this.user, this.topic);

		assertThatThrownBy(() -> send(this.user, this.topic, "during")).isInstanceOf(TopicAuthorizationException.class);

		provisioner.allowWrite(this.user, this.topic);

		assertThat(send(this.user, this.topic, "after").topic()).isEqualTo(this.topic);
	}

	@Test
	void demoProvisioningGivesEachServiceItsTopicsAndGroups() throws Exception {
		provisioner.provisionDemo("svc-a", "pw", "svc-b", "pw");
		provisioner.provisionDemo("svc-a", "pw", "svc-b", "pw");

		assertThat(send("svc-a", "foo-topic", "ping").partition()).isBetween(0, 2);
		assertThat(send("svc-a", "bar-topic.DLT", "dead").topic()).isEqualTo("bar-topic.DLT");
		assertThatThrownBy(() -> send("svc-a", "bar-topic", "x")).isInstanceOf(TopicAuthorizationException.class);
		assertThat(send("svc-b", "bar-topic", "pong").topic()).isEqualTo("bar-topic");
		assertThat(send("svc-b", "foo-topic.DLT", "dead").topic()).isEqualTo("foo-topic.DLT");
		assertThatThrownBy(() -> send("svc-b", "foo-topic", "x")).isInstanceOf(TopicAuthorizationException.class);
		assertThat(broker.admin().describeTopics(List.of("foo-topic.DLT")).allTopicNames().get()
			.get("foo-topic.DLT").partitions()).hasSize(3);
	}

	private RecordMetadata send(String user, String topic, String value) throws Exception {
		return send(broker.clientProperties(user, "pw"), topic, value);
	}

	private static void sendAsSuperUser(String topic, String value) throws Exception {
		send(Map.of(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, broker.internalBootstrapServers()), topic, value);
	}

	private static RecordMetadata send(Map<String, Object> properties, String topic, String value) throws Exception {
		try (KafkaProducer<String, String> producer = TestClients.producer(properties)) {
			return producer.send(new ProducerRecord<>(topic, value)).get(10, TimeUnit.SECONDS);
		}
		catch (ExecutionException ex) {
			throw (Exception) ex.getCause();
		}
	}

}
