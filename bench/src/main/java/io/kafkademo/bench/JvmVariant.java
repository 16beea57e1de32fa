package io.kafkademo.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A way to run a service JVM: which JDK, which flags, and which start-up cache, trained once per variant and service
 * by a run that needs neither a broker nor AWS (see {@link #train}).
 *
 * @param name short name, used in the table and for cache files
 * @param javaHome the JDK
 * @param flags JVM flags of every run
 * @param cache the start-up cache
 */
record JvmVariant(String name, Path javaHome, List<String> flags, Cache cache) {

	/** The start-up caches compared. */
	enum Cache {

		/** Only the JDK's default CDS archive. */
		NONE,

		/** AppCDS: {@code -XX:ArchiveClassesAtExit} in the training run, {@code -XX:SharedArchiveFile} after. */
		CDS,

		/** JEP 483 AOT cache (JDK 24+): {@code -XX:AOTCacheOutput}, then {@code -XX:AOTCache}. */
		AOT

	}

	JvmVariant {
		flags = List.copyOf(flags);
	}

	Path java() {
		return this.javaHome.resolve("bin/java");
	}

	private Path cacheFile(Path appJar) {
		String suffix = switch (this.cache) {
			case NONE -> "";
			case CDS -> ".jsa";
			case AOT -> ".aot";
		};
		return appJar.resolveSibling(this.name + suffix);
	}

	/** The JVM options of a measured run (the cache must have been trained). */
	List<String> runOptions(Path appJar) {
		List<String> options = new ArrayList<>(this.flags);
		switch (this.cache) {
			case NONE -> {
			}
			// -Xshare:on / AOTMode=on: fail instead of silently starting without the cache.
			case CDS -> {
				options.add("-XX:SharedArchiveFile=" + cacheFile(appJar));
				options.add("-Xshare:on");
			}
			case AOT -> {
				options.add("-XX:AOTCache=" + cacheFile(appJar));
				options.add("-XX:AOTMode=on");
			}
		}
		return options;
	}

	/**
	 * Creates the cache for {@code appJar} unless it exists, with the image's training workload
	 * ({@link Variants#TRAINING_WORKLOAD}), so that the figures are those of the cache the image ships. It needs
	 * neither a broker nor AWS: the application starts against an unreachable bootstrap address ({@code environment}),
	 * calls its own probe and metrics endpoints, and closes; the JVM writes the cache as it exits.
	 */
	void train(Path appJar, Map<String, String> environment, Path log) {
		if (this.cache == Cache.NONE || Files.isRegularFile(cacheFile(appJar))) {
			return;
		}
		List<String> options = new ArrayList<>(this.flags);
		if (this.cache == Cache.AOT) {
			options.addAll(Variants.AOT_TRAINING);
		}
		options.add(Variants.TRAINING_WORKLOAD);
		options.add(switch (this.cache) {
			case CDS -> "-XX:ArchiveClassesAtExit=" + cacheFile(appJar);
			case AOT -> "-XX:AOTCacheOutput=" + cacheFile(appJar);
			case NONE -> throw new IllegalStateException();
		});
		String name = "training run of " + this.name;
		try (ServiceProcess training = ServiceProcess.start(name, java(), options, appJar, environment, log)) {
			// The JVM writes the cache as it exits, which takes longer than a normal graceful shutdown.
			if (!training.awaitExit(Duration.ofMinutes(2))) {
				throw new IllegalStateException(name + " did not exit; see " + log);
			}
			if (!Files.isRegularFile(cacheFile(appJar))) {
				throw new IllegalStateException(name + " wrote no " + cacheFile(appJar) + " (exit "
						+ training.exitValue() + "); see " + log);
			}
		}
	}

}
