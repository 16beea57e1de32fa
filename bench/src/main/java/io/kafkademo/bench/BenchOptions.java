package io.kafkademo.bench;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import io.kafkademo.localkafka.InstalledJdk;

/**
 * The command line of the benchmark.
 *
 * @param runs runs per figure (the median is reported)
 * @param quick smoke-test sizes: one run, fewer records, shorter windows
 * @param sections what to measure
 * @param idleSeconds idle time before the RSS reading
 * @param repository the repository root (service jars are read from it, results written below bench/target)
 * @param java17 JDK 17 home
 * @param java25 JDK 25 home
 * @param leanFlags the flags of the lean variant
 * @param serviceJvm variant the throughput and latency figures run the services with
 * @param variants the variants the start-up figures compare, in table order
 * @param serviceEnvironment extra environment variables of every service replica (to measure a setting)
 */
record BenchOptions(int runs, boolean quick, Set<Section> sections, int idleSeconds, Path repository, Path java17,
		Path java25, List<String> leanFlags, String serviceJvm, List<String> variants,
		Map<String, String> serviceEnvironment) {

	/** Every variant, in table order. */
	static final List<String> ALL_VARIANTS = List.of("java17", "java17-cds", "java25", "java25-aot", "java25-lean");

	/** What can be measured; each needs the broker, start-up also Java 25. */
	enum Section {

		PRODUCER, CONSUMER, LATENCY, STARTUP

	}

	static final String USAGE = """
			Options (after ./bench/run):
			  --quick              one run per figure, fewer records, shorter windows (a smoke test)
			  --runs N             runs per figure, the median is reported (default 3)
			  --only LIST          comma-separated subset of: producer, consumer, latency, startup
			  --idle SECONDS       idle time before the RSS reading (default 30)
			  --java25 PATH        JDK 25 home (default: $JAVA25_HOME, else a JDK 25 in /usr/lib/jvm)
			  --lean-flags FLAGS   JVM flags of the 'lean' variant (default: the recommended ones)
			  --service-jvm NAME   JVM variant for the throughput and latency runs: java17, java17-cds, java25,
			                       java25-aot, java25-lean (default java25-aot)
			  --variants LIST      comma-separated variants the start-up figures compare (default: all five)
			  --service-env K=V    extra environment variable for every service replica, repeatable, e.g.
			                       SPRING_KAFKA_CONSUMER_MAX_POLL_RECORDS=2000 (to measure a setting)
			""";

	/** The recommended container flags, measured best on this machine (see BENCHMARK.md). */
	static final List<String> DEFAULT_LEAN_FLAGS = List.of("-XX:MaxRAMPercentage=40", "-XX:+ExitOnOutOfMemoryError",
			"-XX:+UseSerialGC", "-Xss512k", "-XX:ReservedCodeCacheSize=64m", "-XX:MaxMetaspaceSize=128m",
			"-XX:TieredStopAtLevel=1");

	static BenchOptions parse(String[] args, Path repository) {
		int runs = 3;
		boolean quick = false;
		boolean runsGiven = false;
		Set<Section> sections = EnumSet.allOf(Section.class);
		int idle = 30;
		Path java25 = null;
		List<String> lean = DEFAULT_LEAN_FLAGS;
		String serviceJvm = "java25-aot";
		List<String> variants = ALL_VARIANTS;
		Map<String, String> serviceEnvironment = new LinkedHashMap<>();
		for (int i = 0; i < args.length; i++) {
			String arg = args[i];
			switch (arg) {
				case "--quick" -> quick = true;
				case "--runs" -> {
					runs = Integer.parseInt(value(args, ++i, arg));
					runsGiven = true;
					if (runs < 1) {
						throw new IllegalArgumentException("--runs must be at least 1");
					}
				}
				case "--only" -> {
					sections = EnumSet.noneOf(Section.class);
					for (String name : value(args, ++i, arg).split(",")) {
						try {
							sections.add(Section.valueOf(name.trim().toUpperCase(Locale.ROOT)));
						}
						catch (IllegalArgumentException ex) {
							throw new IllegalArgumentException("unknown section '" + name + "' in --only");
						}
					}
				}
				case "--idle" -> idle = Integer.parseInt(value(args, ++i, arg));
				case "--java25" -> java25 = Path.of(value(args, ++i, arg));
				case "--lean-flags" -> lean = Arrays.stream(value(args, ++i, arg).trim().split("\\s+"))
					.filter((flag) -> !flag.isEmpty())
					.toList();
				case "--service-jvm" -> serviceJvm = variant(value(args, ++i, arg));
				case "--variants" -> variants = Arrays.stream(value(args, ++i, arg).split(","))
					.map(String::trim)
					.map(BenchOptions::variant)
					.distinct()
					.toList();
				case "--service-env" -> {
					String setting = value(args, ++i, arg);
					int equals = setting.indexOf('=');
					if (equals < 1) {
						throw new IllegalArgumentException("--service-env needs NAME=VALUE, not '" + setting + "'");
					}
					serviceEnvironment.put(setting.substring(0, equals), setting.substring(equals + 1));
				}
				default -> throw new IllegalArgumentException("unknown option " + arg);
			}
		}
		if (quick && !runsGiven) {
			runs = 1;
		}
		return new BenchOptions(runs, quick, sections, idle, repository, defaultJava17(), (java25 != null) ? java25
				: defaultJava25(), lean, serviceJvm, variants, Map.copyOf(serviceEnvironment));
	}

	private static String variant(String name) {
		if (!ALL_VARIANTS.contains(name)) {
			throw new IllegalArgumentException("unknown JVM variant '" + name + "'; one of " + ALL_VARIANTS);
		}
		return name;
	}

	private static String value(String[] args, int index, String option) {
		if (index >= args.length) {
			throw new IllegalArgumentException(option + " needs a value");
		}
		return args[index];
	}

	private static Path defaultJava17() {
		if (Runtime.version().feature() == 17) {
			return Path.of(System.getProperty("java.home"));
		}
		return installedJdk(17);
	}

	private static Path defaultJava25() {
		String env = System.getenv("JAVA25_HOME");
		return (env != null && !env.isBlank()) ? Path.of(env) : installedJdk(25);
	}

	private static Path installedJdk(int feature) {
		return InstalledJdk.find(feature, "java")
			.orElseThrow(() -> new IllegalStateException(
					"no JDK " + feature + " found under /usr/lib/jvm; pass --java" + feature));
	}

}
