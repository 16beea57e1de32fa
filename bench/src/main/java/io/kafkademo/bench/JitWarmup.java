package io.kafkademo.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Waits until freshly started services have stopped JIT-compiling their hot paths, read from their own
 * {@code jvm_compilation_time_ms_total}. At 1,000 msg/s each way on two shared cores, C2 kept both services busy for
 * ~40-80 s after readiness with the cores saturated, so a latency window that started 10 s after readiness measured
 * the compilers' warm-up (p99 13-45 ms) rather than the services (3-5 ms once settled).
 */
final class JitWarmup {

	static final String COMPILATION_TIME = "jvm_compilation_time_ms_total";

	/**
	 * Compilation per interval below which a JVM counts as settled: 2 % of the interval (the JVM sums its compiler
	 * threads' time, so a busy JVM reports more than the interval).
	 */
	static final double SETTLED_FRACTION = 0.02;

	private final Duration interval;

	private final Duration minimum;

	private final Duration maximum;

	JitWarmup(Duration interval, Duration minimum, Duration maximum) {
		this.interval = interval;
		this.minimum = minimum;
		this.maximum = maximum;
	}

	/** What the warm-up took, whether the compilers settled within the maximum, and their last interval's work. */
	record Result(Duration took, boolean settled, List<Double> lastIntervalMillis) {

		String describe() {
			String work = this.lastIntervalMillis.stream()
				.map((millis) -> String.format(Locale.ROOT, "%.0f ms", millis))
				.collect(Collectors.joining(" / "));
			return String.format(Locale.ROOT, "warm-up %.0f s, %s (JIT compilation in the last interval: %s)",
					this.took.toMillis() / 1000.0,
					this.settled ? "compilers settled" : "compilers still busy at the limit", work);
		}

	}

	/** Samples every interval until each service compiled for less than the settled fraction of it. */
	Result await(List<ServiceProcess> services) {
		long start = System.nanoTime();
		double[] previous = compilationMillis(services);
		while (true) {
			ServiceProcess.sleep(this.interval.toMillis());
			double[] current = compilationMillis(services);
			List<Double> last = deltas(previous, current);
			Duration took = Duration.ofNanos(System.nanoTime() - start);
			boolean settled = settled(last, this.interval);
			if ((settled && took.compareTo(this.minimum) >= 0) || took.compareTo(this.maximum) >= 0) {
				return new Result(took, settled, last);
			}
			previous = current;
		}
	}

	/** Whether every JVM compiled for less than {@link #SETTLED_FRACTION} of the interval. */
	static boolean settled(List<Double> compilationMillis, Duration interval) {
		double limit = interval.toMillis() * SETTLED_FRACTION;
		return compilationMillis.stream().allMatch((millis) -> millis < limit);
	}

	static List<Double> deltas(double[] previous, double[] current) {
		List<Double> deltas = new ArrayList<>();
		for (int i = 0; i < current.length; i++) {
			deltas.add(current[i] - previous[i]);
		}
		return deltas;
	}

	private static double[] compilationMillis(List<ServiceProcess> services) {
		return services.stream().mapToDouble((service) -> service.metric(COMPILATION_TIME)).toArray();
	}

}
