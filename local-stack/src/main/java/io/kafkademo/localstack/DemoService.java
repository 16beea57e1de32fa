package io.kafkademo.localstack;

import java.nio.file.Path;

import io.kafkademo.localkafka.KafkaProvisioner;

/**
 * The two services of the demo, with what tells them apart: the topics, the consumer group, the SCRAM user and the
 * Spring Boot jar that {@code ./mvnw package} builds.
 */
public enum DemoService {

	/** Produces to foo-topic, consumes bar-topic in consumer-group-A. */
	SERVICE_A("kafka-demo-service-a", "service-a", KafkaProvisioner.FOO_TOPIC, KafkaProvisioner.BAR_TOPIC,
			KafkaProvisioner.GROUP_A, "svc-a"),

	/** Produces to bar-topic, consumes foo-topic in consumer-group-B. */
	SERVICE_B("kafka-demo-service-b", "service-b", KafkaProvisioner.BAR_TOPIC, KafkaProvisioner.FOO_TOPIC,
			KafkaProvisioner.GROUP_B, "svc-b");

	private final String appName;

	private final String module;

	private final String produceTopic;

	private final String consumeTopic;

	private final String group;

	private final String user;

	DemoService(String appName, String module, String produceTopic, String consumeTopic, String group, String user) {
		this.appName = appName;
		this.module = module;
		this.produceTopic = produceTopic;
		this.consumeTopic = consumeTopic;
		this.group = group;
		this.user = user;
	}

	/** The application name, as in Kubernetes' {@code app} label: {@code kafka-demo-service-a}. */
	public String appName() {
		return this.appName;
	}

	/** {@code TOPIC1}. */
	public String produceTopic() {
		return this.produceTopic;
	}

	/** {@code TOPIC2}. */
	public String consumeTopic() {
		return this.consumeTopic;
	}

	/** {@code GROUP}. */
	public String group() {
		return this.group;
	}

	/** The SCRAM user the launcher creates for this service. */
	public String user() {
		return this.user;
	}

	/** The replica's {@code HOSTNAME}, like a StatefulSet pod's: {@code kafka-demo-service-a-1} for index 1. */
	public String replicaName(int index) {
		return this.appName + "-" + index;
	}

	/** The Spring Boot jar in a checkout: {@code service-a/target/kafka-demo-service-a.jar}. */
	public Path jar(Path projectDir) {
		return projectDir.resolve(this.module).resolve("target").resolve(this.appName + ".jar");
	}

}
