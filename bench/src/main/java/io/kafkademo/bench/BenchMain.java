package io.kafkademo.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import io.kafkademo.bench.BenchOptions.Section;

/**
 * The benchmark (issue 8): the services on the local SASL_SSL/SCRAM broker against Kafka's own perf tools on the same
 * broker in the same run, plus end-to-end latency and start-up per JVM variant. Prints one markdown table and writes
 * {@code bench/target/bench-results.json} (and {@code .md}). Run it with {@code ./bench/run}.
 */
public final class BenchMain {

	private BenchMain() {
	}

	public static void main(String[] args) throws Exception {
		Path repository = Path.of(System.getProperty("bench.repository", ".")).toAbsolutePath().normalize();
		BenchOptions options;
		try {
			options = BenchOptions.parse(args, repository);
		}
		catch (IllegalArgumentException ex) {
			System.err.println("bench: " + ex.getMessage());
			System.err.print(BenchOptions.USAGE);
			System.exit(2);
			return;
		}
		Path target = repository.resolve("bench/target");
		Path work = target.resolve("bench-work");
		Path logDir = work.resolve("logs");
		deleteRecursively(work);
		Files.createDirectories(logDir);
		// The service JVMs are this JVM's children: take them down with it (the broker has its own hook).
		Runtime.getRuntime().addShutdownHook(new Thread(() -> ProcessHandle.current()
			.children()
			.filter((child) -> child.info().command().map((command) -> command.endsWith("/java")).orElse(false))
			.forEach(ProcessHandle::destroy), "bench-children"));

		Report report = new Report();
		Map<String, Object> machine = Machine.describe(options);
		report.context("benchmark", "kafka-demo-app issue 8");
		report.context("started", Instant.now().toString());
		report.context("runsPerFigure", options.runs());
		report.context("quick", options.quick());
		report.context("machine", machine);
		String loadBefore = Machine.loadAverage();
		System.out.println("machine: " + machine.get("cpu") + ", " + machine.get("cpus") + " CPUs, "
				+ machine.get("memory"));
		System.out.println("load average before: " + loadBefore);
		long started = System.nanoTime();
		try (Lab lab = Lab.start(work)) {
			Context context = new Context(options, lab, new Apps(repository, work.resolve("app")),
					new KafkaPerfTools(lab, logDir), report, logDir, Variants.all(options));
			System.out.println("service JVM for throughput and latency: " + Variants.title(options.serviceJvm()) + " "
					+ context.serviceVariant().flags());
			if (!options.serviceEnvironment().isEmpty()) {
				System.out.println("extra service environment: " + options.serviceEnvironment());
			}
			if (options.sections().contains(Section.PRODUCER)) {
				System.out.println("== producer path");
				new Throughput(context).producer();
			}
			if (options.sections().contains(Section.CONSUMER)) {
				System.out.println("== consumer path");
				new Throughput(context).consumer();
			}
			if (options.sections().contains(Section.LATENCY)) {
				System.out.println("== end-to-end latency");
				new Latency(context).measure();
			}
			if (options.sections().contains(Section.STARTUP)) {
				System.out.println("== start-up and memory");
				new Startup(context).measure();
			}
		}
		String loadAfter = Machine.loadAverage();
		Map<String, Object> load = new LinkedHashMap<>();
		load.put("before", loadBefore);
		load.put("after", loadAfter);
		report.context("loadAverage", load);
		report.context("durationSeconds", Math.round((System.nanoTime() - started) / 1e9));
		report.context("serviceJvm", options.serviceJvm());
		report.context("serviceEnvironment", new LinkedHashMap<>(options.serviceEnvironment()));
		Map<String, Object> variants = new LinkedHashMap<>();
		Variants.all(options).forEach((name, variant) -> variants.put(name,
				variant.javaHome() + " " + String.join(" ", variant.flags()) + " cache=" + variant.cache()));
		report.context("jvmVariants", variants);

		String table = report.markdown();
		System.out.println();
		System.out.print(table);
		System.out.println();
		System.out.println("load average before: " + loadBefore + "; after: " + loadAfter);
		Files.writeString(target.resolve("bench-results.json"), report.json(), StandardCharsets.UTF_8);
		Files.writeString(target.resolve("bench-results.md"), table, StandardCharsets.UTF_8);
		System.out.println("wrote " + repository.relativize(target.resolve("bench-results.json")) + " and "
				+ repository.relativize(target.resolve("bench-results.md")));
		System.exit(0);
	}

	private static void deleteRecursively(Path dir) throws IOException {
		if (!Files.exists(dir)) {
			return;
		}
		List<Path> paths = new ArrayList<>();
		try (Stream<Path> walk = Files.walk(dir)) {
			walk.sorted(Comparator.reverseOrder()).forEach(paths::add);
		}
		for (Path path : paths) {
			Files.deleteIfExists(path);
		}
	}

}
