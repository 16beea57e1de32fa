package io.kafkademo.bench;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Producer and consumer path: one service replica against Kafka's own perf tools, same broker, same record sizes,
 * same 3 partitions, {@code acks=all} on both sides.
 */
final class Throughput {

	static final String PRODUCED = "kafka_demo_messages_produced_total";

	static final String CONSUMED = "kafka_demo_messages_consumed_total";

	/**
	 * The services' producer compression, {@code spring.kafka.producer.compression-type} in the shared configuration
	 * (checked by {@code ThroughputTests}): the producer path is held to the tool with Kafka's defaults, as the issue
	 * sets the limit, and to the tool compressing as the services do.
	 */
	static final String SHIPPED_COMPRESSION = "lz4";

	/** Boot's variable for that setting: {@code --service-env} may set it to measure another codec. */
	static final String COMPRESSION_VARIABLE = "SPRING_KAFKA_PRODUCER_COMPRESSION_TYPE";

	private final Context context;

	Throughput(Context context) {
		this.context = context;
	}

	/**
	 * Records per ProducerPerformance run: enough for several seconds after its first (warm-up) progress window at the
	 * rates seen here (runs of 13-15 s at 40 B and 10-14 s at 1 KiB; 2-5 times as long at the 140,000-500,000/s of
	 * slower machines). Quick: at 40 B still a second or so after the warm-up window (1,000,000 records ended inside
	 * it, and the limit was the tool's warm-up alone), at 1 KiB (not a ratio) fewer.
	 */
	private int producerRecords(int size) {
		if (size <= 100) {
			return this.context.quick() ? 3_000_000 : 12_000_000;
		}
		return this.context.quick() ? 200_000 : 1_500_000;
	}

	/**
	 * Records in a pre-filled topic: long enough that both sides reach their steady rate (here ~10 s of draining for a
	 * service replica and ~4-6 s for ConsumerPerformance at 40 B; quick: far fewer). With 800,000 records at 40 B both
	 * drained in 2-5 s, mostly JIT warm-up: the tool then measured ~360,000/s against ~960,000/s with 4,000,000.
	 */
	private int consumerRecords(int size) {
		if (size <= 100) {
			return this.context.quick() ? 200_000 : 4_000_000;
		}
		return this.context.quick() ? 60_000 : 1_000_000;
	}

	/**
	 * (1) ProducerPerformance at 40 B and 1 KiB, and at 40 B compressed as the services compress; (2) a replica with
	 * {@code MSG_FREQ=0} (load mode), acknowledged records per second over a window after a warm-up, at LOG_LEVEL=warn
	 * and with the shipped INFO line per message.
	 * Each run measures the tool and then the service, so that a burst of load from elsewhere on the machine hits
	 * both sides of a ratio rather than one.
	 */
	void producer() throws IOException, InterruptedException {
		int[] sizes = { 40, 1024 };
		String[] levels = { "warn", "info" };
		Map<Integer, List<Double>> limits = new LinkedHashMap<>();
		for (int size : sizes) {
			this.context.lab().topic("bench-perf-" + size);
			limits.put(size, new ArrayList<>());
		}
		String compression = serviceCompression();
		this.context.lab().topic("bench-perf-40-" + compression);
		List<Double> compressedLimits = new ArrayList<>();
		Map<String, List<Double>> services = new LinkedHashMap<>();
		for (String level : levels) {
			services.put(level, new ArrayList<>());
		}
		this.context.lab().topic("bench-idle");
		warmUpProducePath();
		List<Double> peaks = new ArrayList<>();
		for (int run = 0; run < this.context.runs(); run++) {
			double peak = 0;
			for (int size : sizes) {
				limits.get(size).add(toolRate("bench-perf-" + size, size, null));
			}
			compressedLimits.add(toolRate("bench-perf-40-" + compression, 40, compression));
			for (String level : levels) {
				String topic = "bench-load-" + level + "-" + run;
				this.context.lab().topic(topic);
				Map<String, String> env = this.context.lab()
					.serviceEnvironment(topic, "bench-idle", Context.newGroup("load"), "bench-load");
				env.put("MSG_FREQ", "0");
				env.put("LOG_LEVEL", level);
				try (ServiceProcess service = this.context.start("service-a", "producer-" + level, env)) {
					service.awaitReady(Duration.ofSeconds(60));
					double rate = window(service, PRODUCED, "topic=\"" + topic + "\"");
					System.out.printf("  service producer path, LOG_LEVEL=%s: %,.0f records/s%n", level, rate);
					services.get(level).add(rate);
					peak = Math.max(peak, service.peakRssMegabytes());
				}
			}
			peaks.add(peak);
		}
		Summary limit40 = Summary.of(limits.get(40));
		for (String level : levels) {
			String title = "Producer path, ~40 B ping, " + (level.equals("warn") ? "LOG_LEVEL=warn"
					: "shipped INFO line per message");
			// The issue sets one producer target (0.8) without naming a log level: it is checked at both.
			this.context.report()
				.add(Figure.throughput("producer.40B." + level, title, Summary.of(services.get(level)), limit40, 0.8));
		}
		this.context.report()
			.add(Figure.throughput("producer.40B.warn.compressed",
					"Producer path, ~40 B ping, LOG_LEVEL=warn, against the tool with the services' " + compression
							+ " compression",
					Summary.of(services.get("warn")), Summary.of(compressedLimits), 0.8));
		this.context.report()
			.add(new Figure("producer.1KiB", "Producer path, 1 KiB (n/a: the service sends only its ~40 B ping)",
					Figure.Unit.RECORDS_PER_SECOND, null, Summary.of(limits.get(1024)), null, null));
		this.context.report().add(peakRss("producer", "producer path (load mode, both log levels)", peaks));
	}

	/**
	 * One ProducerPerformance run that is not measured, before the first one that is: a broker that has just started
	 * compiles its produce path during it. Without it, whichever tool the first run measured first met that broker
	 * cold, and the second tool in the same run was ~1.2 times faster in either order, which lowered the limit and
	 * raised the service's ratio ("The warm-broker round" in BENCHMARK.md).
	 */
	private void warmUpProducePath() throws IOException, InterruptedException {
		String topic = "bench-warm-up-produce";
		this.context.lab().topic(topic);
		PerfToolOutput.ProducerResult result = this.context.tools().produce(topic, producerRecords(40), 40, null);
		System.out.printf("  broker warm-up, not measured: ProducerPerformance 40 B, %,.0f records/s steady%n",
				result.steadyRecordsPerSecond());
	}

	/** One ProducerPerformance run: its steady rate, printed as it comes. */
	private double toolRate(String topic, int size, String compression) throws IOException, InterruptedException {
		PerfToolOutput.ProducerResult result = this.context.tools()
			.produce(topic, producerRecords(size), size, compression);
		double rate = result.steadyRecordsPerSecond();
		System.out.printf("  ProducerPerformance %d B%s: %,.0f records/s steady (%,.0f over the whole run)%n", size,
				(compression != null) ? ", " + compression : "", rate, result.recordsPerSecond());
		return rate;
	}

	/** The compression the replicas produce with: the shipped one, or what {@code --service-env} sets. */
	private String serviceCompression() {
		return this.context.options()
			.serviceEnvironment()
			.getOrDefault(COMPRESSION_VARIABLE, SHIPPED_COMPRESSION);
	}

	/** The highest RSS a replica reached in each run of a path, against the chart's memory limit. */
	private Figure peakRss(String path, String what, List<Double> peaks) {
		String limit = String.format(java.util.Locale.ROOT, "the chart's %dMi limit", Variants.CONTAINER_MEBIBYTES);
		return Figure.everyRunAtMost("memory." + path + ".peak",
				"Peak RSS under load, " + what + ", " + Variants.title(this.context.serviceVariant().name()),
				Figure.Unit.MEGABYTES, Summary.of(peaks), Variants.containerMegabytes(), limit);
	}

	/** Rate of counter {@code name} over a window after a warm-up, from two scrapes. */
	private double window(ServiceProcess service, String name, String label) {
		long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
		while (service.metric(name, label) == 0) {
			if (System.nanoTime() > deadline) {
				throw new IllegalStateException("nothing produced in 60 s; see " + service.log());
			}
			ServiceProcess.sleep(100);
		}
		ServiceProcess.sleep(5000);
		long t1 = System.nanoTime();
		double c1 = service.metric(name, label);
		ServiceProcess.sleep(this.context.quick() ? 5000 : 10_000);
		long t2 = System.nanoTime();
		double c2 = service.metric(name, label);
		return (c2 - c1) / ((t2 - t1) / 1e9);
	}

	/**
	 * (1) ConsumerPerformance and (3) one replica reading the same pre-filled topic from the start in a new group:
	 * records per second from its first consumed record to its last, read off its consumed counter. With the
	 * application loggers at WARN, with the shipped INFO line per message, and (40 B) that line as JSON. Each run
	 * measures the tool and then the service modes, as for the producer.
	 */
	void consumer() throws IOException, InterruptedException {
		this.context.lab().topic("bench-sink");
		int[] sizes = { 40, 1024 };
		Map<Integer, List<Double>> limits = new LinkedHashMap<>();
		Map<String, List<Double>> services = new LinkedHashMap<>();
		for (int size : sizes) {
			String topic = "bench-ping-" + size;
			int count = consumerRecords(size);
			this.context.lab().topic(topic);
			long filled = System.nanoTime();
			this.context.lab().fill(topic, count, size);
			System.out.printf("  filled %s with %,d records in %.1f s%n", topic, count,
					(System.nanoTime() - filled) / 1e9);
			limits.put(size, new ArrayList<>());
			for (String[] mode : consumerModes(size)) {
				services.put(size + "|" + mode[0] + "|" + mode[1], new ArrayList<>());
			}
		}
		warmUpFetchPath(sizes);
		List<Double> peaks = new ArrayList<>();
		for (int run = 0; run < this.context.runs(); run++) {
			double peak = 0;
			for (int size : sizes) {
				String topic = "bench-ping-" + size;
				int count = consumerRecords(size);
				double limit = this.context.tools().consume(topic, count).fetchRecordsPerSecond();
				System.out.printf("  ConsumerPerformance %d B: %,.0f records/s%n", size, limit);
				limits.get(size).add(limit);
				for (String[] mode : consumerModes(size)) {
					Map<String, String> env = this.context.lab()
						.serviceEnvironment("bench-sink", topic, Context.newGroup("consume"), "bench-consumer");
					env.put("MSG_FREQ", "3600");
					env.put("LOG_LEVEL", mode[0]);
					env.put("LOG_FORMAT", mode[1]);
					try (ServiceProcess service = this.context.start("service-b",
							"consumer-" + size + "-" + mode[0] + "-" + mode[1], env)) {
						double rate = drain(service, CONSUMED, "topic=\"" + topic + "\"", count);
						System.out.printf("  service consumer path %d B, %s: %,.0f records/s%n", size, mode[2], rate);
						services.get(size + "|" + mode[0] + "|" + mode[1]).add(rate);
						peak = Math.max(peak, service.peakRssMegabytes());
					}
				}
			}
			peaks.add(peak);
		}
		for (int size : sizes) {
			String label = (size == 40) ? "40 B" : "1 KiB";
			Summary limit = Summary.of(limits.get(size));
			for (String[] mode : consumerModes(size)) {
				String id = "consumer." + label.replace(" ", "") + "." + mode[0]
						+ (mode[1].equals("json") ? ".json" : "");
				this.context.report()
					.add(Figure.throughput(id, "Consumer path, " + label + ", " + mode[2],
							Summary.of(services.get(size + "|" + mode[0] + "|" + mode[1])), limit,
							mode[0].equals("warn") ? 0.8 : 0.5));
			}
		}
		this.context.report().add(peakRss("consumer", "consumer path (every drain)", peaks));
	}

	/**
	 * One ConsumerPerformance read of each pre-filled topic that is not measured, for the reason the producer path
	 * has one: filling the topics warms the broker's produce path, not its fetch path.
	 */
	private void warmUpFetchPath(int[] sizes) throws IOException, InterruptedException {
		for (int size : sizes) {
			double rate = this.context.tools()
				.consume("bench-ping-" + size, consumerRecords(size))
				.fetchRecordsPerSecond();
			System.out.printf("  broker warm-up, not measured: ConsumerPerformance %d B, %,.0f records/s%n", size,
					rate);
		}
	}

	/** LOG_LEVEL, LOG_FORMAT and the title of each consumer mode measured at {@code size}. */
	private static List<String[]> consumerModes(int size) {
		List<String[]> modes = new ArrayList<>();
		modes.add(new String[] { "warn", "text", "LOG_LEVEL=warn" });
		modes.add(new String[] { "info", "text", "shipped INFO line per message" });
		if (size == 40) {
			modes.add(new String[] { "info", "json", "INFO line per message, LOG_FORMAT=json" });
		}
		return modes;
	}

	/**
	 * Records per second from the first scrape showing consumption to the moment all {@code count} were consumed,
	 * taken as the midpoint between the last scrape short of {@code count} and the first one reaching it. Scrapes are
	 * 250 ms apart: each costs the measured JVM a little CPU, so they are not made more often than that.
	 */
	static double drain(ServiceProcess service, String name, String label, long count) {
		long deadline = System.nanoTime() + Duration.ofSeconds(120 + count / 1000).toNanos();
		long firstNanos = 0;
		double first = 0;
		long previousNanos = 0;
		while (System.nanoTime() < deadline) {
			double consumed = 0;
			try {
				consumed = service.metric(name, label);
			}
			catch (RuntimeException ex) {
				// not up yet (connection refused) or the series not yet there
				service.ensureAlive();
			}
			long now = System.nanoTime();
			if (firstNanos == 0 && consumed > 0) {
				firstNanos = now;
				first = consumed;
			}
			if (consumed >= count) {
				if (now == firstNanos) {
					throw new IllegalStateException("consumed everything between two scrapes: use more records");
				}
				return rate(count - first, firstNanos, previousNanos, now);
			}
			previousNanos = now;
			ServiceProcess.sleep(250);
		}
		throw new IllegalStateException("not all " + count + " records consumed in time; see " + service.log());
	}

	/** {@code records} over the time from {@code firstNanos} to the midpoint of {@code lastShort} and {@code done}. */
	static double rate(double records, long firstNanos, long lastShortNanos, long doneNanos) {
		double end = lastShortNanos + (doneNanos - lastShortNanos) / 2.0;
		return records / ((end - firstNanos) / 1e9);
	}

}
