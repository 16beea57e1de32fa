package io.kafkademo.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.kafkademo.bench.JvmVariant.Cache;

/** The JVM variants compared, all emulating the Helm chart's 384 MiB container on this (larger) machine. */
final class Variants {

	/** The flags docker/Dockerfile and the chart's javaToolOptions ship today. */
	static final List<String> SHIPPED = List.of("-XX:MaxRAMPercentage=75", "-XX:+ExitOnOutOfMemoryError");

	/**
	 * The chart's memory limit, so heap ergonomics match the pod's. In such a container (under 1792 MB) the JVM also
	 * picks the serial collector by itself; -XX:MaxRAM does not change that choice, so it is stated for the shipped
	 * flags (the lean flags choose their collector explicitly).
	 */
	static final String CONTAINER_MEMORY = "-XX:MaxRAM=384m";

	static final String ERGONOMIC_GC_IN_CONTAINER = "-XX:+UseSerialGC";

	private Variants() {
	}

	/** The variants by name, in table order. */
	static Map<String, JvmVariant> all(BenchOptions options) {
		List<String> shipped = new ArrayList<>(List.of(CONTAINER_MEMORY, ERGONOMIC_GC_IN_CONTAINER));
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
