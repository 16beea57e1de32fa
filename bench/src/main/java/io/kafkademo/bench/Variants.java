package io.kafkademo.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.kafkademo.bench.JvmVariant.Cache;

/** The JVM variants compared, all emulating the Helm chart's 384 MiB container on this (larger) machine. */
final class Variants {

	/** The flags docker/Dockerfile ships in JAVA_TOOL_OPTIONS (the chart's javaToolOptions default repeats them). */
	static final List<String> SHIPPED = List.of("-XX:+UseParallelGC", "-XX:NewRatio=1", "-XX:MaxRAMPercentage=40",
			"-XX:+ExitOnOutOfMemoryError");

	/**
	 * The flags docker/Dockerfile's AOT training run adds to the shipped ones: no JEP 515 method profiles in the
	 * cache, as the image's training run records only the start-up.
	 */
	static final List<String> AOT_TRAINING = List.of("-XX:+UnlockDiagnosticVMOptions", "-XX:-AOTRecordTraining");

	/**
	 * The property that makes a service run docker/Dockerfile's training workload (start against an unreachable
	 * broker, call the probe and metrics endpoints, close) and exit, for the CDS and AOT training runs alike.
	 */
	static final String TRAINING_WORKLOAD = "-Ddemo.aot-training=true";

	/** The chart's memory limit (resources.limits.memory, 384Mi), in MiB. */
	static final int CONTAINER_MEBIBYTES = 384;

	/** The chart's memory limit as the JVM's idea of physical memory, so heap ergonomics match the pod's. */
	static final String CONTAINER_MEMORY = "-XX:MaxRAM=" + CONTAINER_MEBIBYTES + "m";

	/** The chart's memory limit in MB (10^6 bytes), the unit the RSS figures use. */
	static double containerMegabytes() {
		return CONTAINER_MEBIBYTES * 1024.0 * 1024.0 / 1e6;
	}

	private Variants() {
	}

	/** The variants by name, in table order. */
	static Map<String, JvmVariant> all(BenchOptions options) {
		List<String> shipped = new ArrayList<>(List.of(CONTAINER_MEMORY));
		shipped.addAll(SHIPPED);
		List<String> lean = new ArrayList<>(List.of(CONTAINER_MEMORY));
		lean.addAll(options.leanFlags());
		Map<String, JvmVariant> variants = new LinkedHashMap<>();
		variants.put("java17", new JvmVariant("java17", options.java17(), shipped, Cache.NONE));
		variants.put("java17-cds", new JvmVariant("java17-cds", options.java17(), shipped, Cache.CDS));
		variants.put("java25", new JvmVariant("java25", options.java25(), shipped, Cache.NONE));
		variants.put("java25-aot", new JvmVariant("java25-aot", options.java25(), shipped, Cache.AOT));
		variants.put("java25-lean", new JvmVariant("java25-lean", options.java25(), lean, Cache.AOT));
		return variants;
	}

	/** How a variant is named in the table. */
	static String title(String name) {
		return switch (name) {
			case "java17" -> "Java 17";
			case "java17-cds" -> "Java 17 + CDS";
			case "java25" -> "Java 25";
			case "java25-aot" -> "Java 25 + AOT cache";
			case "java25-lean" -> "Java 25 + AOT cache + lean flags";
			default -> name;
		};
	}

}
