package io.kafkademo.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * The service jars, extracted as the container image runs them ({@code java -Djarmode=tools -jar ... extract}: the
 * application jar plus {@code lib/}, a plain class path that CDS and the AOT cache can use), and the start-up caches
 * trained per JVM variant.
 */
final class Apps {

	private final Path repository;

	private final Path dir;

	private final Set<String> trained = new HashSet<>();

	Apps(Path repository, Path dir) {
		this.repository = repository;
		this.dir = dir;
	}

	/** {@code service} ({@code service-a} or {@code service-b}) extracted, with {@code variant}'s cache trained. */
	Path jar(String service, JvmVariant variant) throws IOException, InterruptedException {
		Path target = this.dir.resolve(service);
		Path jar = target.resolve("kafka-demo-" + service + ".jar");
		if (!Files.isRegularFile(jar)) {
			extract(service, target);
		}
		if (this.trained.add(service + "|" + variant.name())) {
			long start = System.nanoTime();
			variant.train(jar, trainingEnvironment(),
					this.dir.resolve("training-" + service + "-" + variant.name() + ".log"));
			if (variant.cache() != JvmVariant.Cache.NONE) {
				System.out.printf("  trained %s cache for %s in %.1f s%n", variant.name(), service,
						(System.nanoTime() - start) / 1e9);
			}
		}
		return jar;
	}

	private void extract(String service, Path target) throws IOException, InterruptedException {
		Path bootJar = this.repository.resolve(service).resolve("target").resolve("kafka-demo-" + service + ".jar");
		if (!Files.isRegularFile(bootJar)) {
			throw new IllegalStateException(bootJar + " is missing: build it first (./bench/run does)");
		}
		Files.createDirectories(target);
		Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
				"-Djarmode=tools", "-jar", bootJar.toString(), "extract", "--destination", target.toString(), "--force")
			.redirectErrorStream(true)
			.redirectOutput(this.dir.resolve("extract-" + service + ".log").toFile())
			.start();
		if (!process.waitFor(2, TimeUnit.MINUTES) || process.exitValue() != 0) {
			throw new IllegalStateException("extracting " + bootJar + " failed");
		}
	}

	/**
	 * The training run's environment: valid settings, but no broker behind them (port 9 refuses connections) and no
	 * AWS.
	 */
	private static Map<String, String> trainingEnvironment() {
		Map<String, String> env = new HashMap<>();
		env.put("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
		env.put("HOSTNAME", "training");
		env.put("KAFKA_BOOTSTRAP_SERVERS", "localhost:9");
		env.put("KAFKA_SASL_USERNAME", "training");
		env.put("KAFKA_SASL_PASSWORD", "training");
		return env;
	}

}
