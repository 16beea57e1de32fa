package io.kafkademo.bench;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.kafkademo.bench.PrometheusText.Histogram;

/**
 * (4) End-to-end latency: Service A and Service B ping-pong at 1,000 msg/s each way (MSG_FREQ=1ms, shipped INFO
 * logging), and B's {@code kafka_demo_end_to_end_latency_seconds} histogram for A's topic over a window once both
 * services' JIT compilers have settled ({@link JitWarmup}): p50, p99, p99.9 interpolated in the histogram's buckets,
 * as PromQL's histogram_quantile does.
 */
final class Latency {

	static final String HISTOGRAM = "kafka_demo_end_to_end_latency_seconds";

	private final Context context;

	/** At least 10 s (quick: 5 s), at most 120 s (quick: 20 s), sampled every 5 s. */
	private final JitWarmup warmup;

	Latency(Context context) {
		this.context = context;
		this.warmup = new JitWarmup(Duration.ofSeconds(5), Duration.ofSeconds(context.quick() ? 5 : 10),
				Duration.ofSeconds(context.quick() ? 20 : 120));
	}

	void measure() throws IOException, InterruptedException {
		List<Double> p50 = new ArrayList<>();
		List<Double> p99 = new ArrayList<>();
		List<Double> p999 = new ArrayList<>();
		List<Double> rates = new ArrayList<>();
		List<Double> warmups = new ArrayList<>();
		// Otherwise B's training run (~30 s) would happen while A already produces, and B would start on a backlog.
		this.context.prepare("service-a", "service-b");
		for (int run = 0; run < this.context.runs(); run++) {
			String foo = "bench-foo-" + run;
			String bar = "bench-bar-" + run;
			this.context.lab().topic(foo);
			this.context.lab().topic(bar);
			Map<String, String> envA = this.context.lab().serviceEnvironment(foo, bar, Context.newGroup("A"), "bench-a");
			Map<String, String> envB = this.context.lab().serviceEnvironment(bar, foo, Context.newGroup("B"), "bench-b");
			envA.put("MSG_FREQ", "1ms");
			envB.put("MSG_FREQ", "1ms");
			try (ServiceProcess a = this.context.start("service-a", "latency-a", envA);
					ServiceProcess b = this.context.start("service-b", "latency-b", envB)) {
				a.awaitReady(Duration.ofSeconds(90));
				b.awaitReady(Duration.ofSeconds(90));
				JitWarmup.Result warmup = this.warmup.await(List.of(a, b));
				warmups.add(warmup.took().toMillis() / 1000.0);
				String label = "topic=\"" + foo + "\"";
				String before = b.scrape();
				long t1 = System.nanoTime();
				ServiceProcess.sleep(this.context.quick() ? 10_000 : 30_000);
				String after = b.scrape();
				long t2 = System.nanoTime();
				Histogram window = PrometheusText.histogram(after, HISTOGRAM, label)
					.minus(PrometheusText.histogram(before, HISTOGRAM, label));
				double rate = window.count() / ((t2 - t1) / 1e9);
				p50.add(window.quantile(0.5) * 1000);
				p99.add(window.quantile(0.99) * 1000);
				p999.add(window.quantile(0.999) * 1000);
				rates.add(rate);
				System.out.printf("  A->B at %,.0f msg/s: p50 %.2f ms, p99 %.2f ms, p99.9 %.2f ms (%,.0f records; %s)%n",
						rate, p50.get(p50.size() - 1), p99.get(p99.size() - 1), p999.get(p999.size() - 1),
						window.count(), warmup.describe());
			}
		}
		this.context.report()
			.add(new Figure("latency.rate", "End-to-end A→B: achieved rate (target rate 1,000 msg/s)",
					Figure.Unit.RECORDS_PER_SECOND, Summary.of(rates), null, null, null));
		this.context.report()
			.add(new Figure("latency.warmup", "End-to-end A→B: warm-up after readiness, until both JIT compilers settled",
					Figure.Unit.SECONDS, Summary.of(warmups), null, null, null));
		this.context.report()
			.add(Figure.atMost("latency.p50", "End-to-end A→B p50 at 1,000 msg/s", Figure.Unit.MILLISECONDS,
					Summary.of(p50), null));
		this.context.report()
			.add(Figure.atMost("latency.p99", "End-to-end A→B p99 at 1,000 msg/s", Figure.Unit.MILLISECONDS,
					Summary.of(p99), 10.0));
		this.context.report()
			.add(Figure.atMost("latency.p999", "End-to-end A→B p99.9 at 1,000 msg/s", Figure.Unit.MILLISECONDS,
					Summary.of(p999), null));
	}

}
