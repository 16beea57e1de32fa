package io.kafkademo.bench;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * (5) Start-up and memory of Service A per JVM variant: process start to readiness UP (the readiness probe polled
 * every 20 ms), to the first consumed message (its log line; the consumed topic already holds records), and RSS after
 * a period of idling at the chart's default MSG_FREQ of 10 s. Runs of the variants are interleaved, so a burst of load
 * from elsewhere on the machine does not hit a single variant.
 */
final class Startup {

	private static final String TOPIC_IN = "bench-start-in";

	private static final String TOPIC_OUT = "bench-start-out";

	private final Context context;

	Startup(Context context) {
		this.context = context;
	}

	void measure() throws IOException, InterruptedException {
		this.context.lab().topic(TOPIC_IN);
		this.context.lab().topic(TOPIC_OUT);
		this.context.lab().fill(TOPIC_IN, 10, 40);
		Map<String, List<Double>> ready = new LinkedHashMap<>();
		Map<String, List<Double>> consumed = new LinkedHashMap<>();
		Map<String, List<Double>> rss = new LinkedHashMap<>();
		for (JvmVariant variant : this.context.startupVariants()) {
			this.context.apps().jar("service-a", variant);
			ready.put(variant.name(), new ArrayList<>());
			consumed.put(variant.name(), new ArrayList<>());
			rss.put(variant.name(), new ArrayList<>());
		}
		Duration idle = Duration.ofSeconds(this.context.options().idleSeconds());
		for (int run = 0; run < this.context.runs(); run++) {
			for (JvmVariant variant : this.context.startupVariants()) {
				Map<String, String> env = this.context.lab()
					.serviceEnvironment(TOPIC_OUT, TOPIC_IN, Context.newGroup("start"), "bench-start");
				env.put("MSG_FREQ", "10");
				try (ServiceProcess service = this.context.start("service-a", variant, "startup-" + variant.name(),
						env)) {
					long readyAt = service.awaitReady(Duration.ofSeconds(60));
					long consumedAt = service.awaitLogLine(" received message: ", Duration.ofSeconds(60));
					long idleUntil = readyAt + idle.toNanos();
					while (System.nanoTime() < idleUntil) {
						ServiceProcess.sleep(100);
					}
					double memory = service.rssMegabytes();
					ready.get(variant.name()).add(service.secondsSinceStart(readyAt));
					consumed.get(variant.name()).add(service.secondsSinceStart(consumedAt));
					rss.get(variant.name()).add(memory);
					System.out.printf("  %-12s ready %.2f s, first consumed %.2f s, RSS %.0f MB after %d s idle%n",
							variant.name(), service.secondsSinceStart(readyAt), service.secondsSinceStart(consumedAt),
							memory, idle.toSeconds());
				}
			}
		}
		for (JvmVariant variant : this.context.startupVariants()) {
			String name = variant.name();
			String title = Variants.title(name);
			boolean aot = name.startsWith("java25-");
			boolean lean = name.equals("java25-lean");
			this.context.report()
				.add(Figure.atMost("startup." + name + ".ready", "Start-up to readiness UP, " + title,
						Figure.Unit.SECONDS, Summary.of(ready.get(name)), aot ? 1.5 : null));
			this.context.report()
				.add(Figure.atMost("startup." + name + ".consumed", "Start-up to first consumed message, " + title,
						Figure.Unit.SECONDS, Summary.of(consumed.get(name)), null));
			this.context.report()
				.add(Figure.atMost("startup." + name + ".rss", "RSS after " + idle.toSeconds() + " s idle, " + title,
						Figure.Unit.MEGABYTES, Summary.of(rss.get(name)), lean ? 150.0 : null));
		}
	}

}
