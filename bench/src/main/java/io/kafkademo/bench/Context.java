package io.kafkademo.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** What every section uses: options, broker, service jars, Kafka's tools, the report and the log directory. */
record Context(BenchOptions options, Lab lab, Apps apps, KafkaPerfTools tools, Report report, Path logDir,
		Map<String, JvmVariant> variants) {

	/** The variant the throughput and latency runs use. */
	JvmVariant serviceVariant() {
		JvmVariant variant = this.variants.get(this.options.serviceJvm());
		if (variant == null) {
			throw new IllegalArgumentException("unknown --service-jvm " + this.options.serviceJvm() + "; one of "
					+ this.variants.keySet());
		}
		return variant;
	}

	/** Extracts the services and trains their start-up caches now, so that no later start waits for a training run. */
	void prepare(String... services) throws IOException, InterruptedException {
		for (String service : services) {
			this.apps.jar(service, serviceVariant());
		}
	}

	/** Starts a replica of {@code service} with the throughput variant. */
	ServiceProcess start(String service, String label, Map<String, String> environment)
			throws IOException, InterruptedException {
		return start(service, serviceVariant(), label, environment);
	}

	ServiceProcess start(String service, JvmVariant variant, String label, Map<String, String> environment)
			throws IOException, InterruptedException {
		Path jar = this.apps.jar(service, variant);
		Map<String, String> env = new HashMap<>(environment);
		env.putAll(this.options.serviceEnvironment());
		return ServiceProcess.start(label, variant, jar, env,
				this.logDir.resolve(label + "-" + System.currentTimeMillis() + ".log"));
	}

	/** A consumer group name no earlier run used (the services start from the earliest offset). */
	static String newGroup(String purpose) {
		return Lab.GROUP_PREFIX + purpose + "-" + UUID.randomUUID().toString().substring(0, 8);
	}

	/** The variants the start-up figures compare (--variants), in table order. */
	List<JvmVariant> startupVariants() {
		return this.options.variants().stream().map(this.variants::get).toList();
	}

	int runs() {
		return this.options.runs();
	}

	boolean quick() {
		return this.options.quick();
	}

}
