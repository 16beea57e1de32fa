package io.kafkademo.bench;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads the results out of what Kafka's ProducerPerformance and ConsumerPerformance print. */
final class PerfToolOutput {

	private static final Pattern PRODUCER_SUMMARY = Pattern
		.compile("(?m)^(\\d+) records sent, ([\\d.]+) records/sec \\(([\\d.]+) MB/sec\\).*50th.*$");

	private static final Pattern PRODUCER_WINDOW = Pattern
		.compile("(?m)^(\\d+) records sent, ([\\d.]+) records/sec \\(([\\d.]+) MB/sec\\), [\\d.]+ ms avg latency, "
				+ "[\\d.]+ ms max latency\\.$");

	private PerfToolOutput() {
	}

	/**
	 * ProducerPerformance's result: records sent, records/s over the whole run (final line), and the steady rate:
	 * every record acknowledged after its first 5-second progress window (JIT and connection warm-up) over the time
	 * after it, as the service's rate is taken after a warm-up. The later windows and the tail after the last one
	 * both count: a run of 5-10 s prints only the first window, and its whole-run rate, warm-up included, was then
	 * taken for the steady one. Without a progress window the steady rate is the whole run's.
	 */
	static ProducerResult producer(String output) {
		Matcher matcher = PRODUCER_SUMMARY.matcher(output);
		long records = -1;
		double overall = 0;
		while (matcher.find()) {
			records = Long.parseLong(matcher.group(1));
			overall = Double.parseDouble(matcher.group(2));
		}
		if (records < 0) {
			throw new IllegalStateException("no ProducerPerformance summary line in:\n" + tail(output));
		}
		Matcher warmUp = PRODUCER_WINDOW.matcher(output);
		if (!warmUp.find()) {
			return new ProducerResult(records, overall, overall);
		}
		double warmUpRecords = Double.parseDouble(warmUp.group(1));
		double warmUpSeconds = warmUpRecords / Double.parseDouble(warmUp.group(2));
		double steadyRecords = records - warmUpRecords;
		double steadySeconds = records / overall - warmUpSeconds;
		double steady = (steadyRecords > 0 && steadySeconds > 0) ? steadyRecords / steadySeconds : overall;
		return new ProducerResult(records, overall, steady);
	}

	/**
	 * ConsumerPerformance's header and value line. The rate used is {@code fetch.nMsg.sec}: records over the time
	 * spent fetching, without the group join, as the service's rate is measured from its first consumed record.
	 */
	static ConsumerResult consumer(String output) {
		List<String> lines = output.lines().toList();
		for (int i = 0; i < lines.size() - 1; i++) {
			if (lines.get(i).startsWith("start.time, end.time,")) {
				String[] names = lines.get(i).split(",\\s*");
				String[] values = lines.get(i + 1).split(",\\s*");
				if (names.length != values.length) {
					break;
				}
				Map<String, String> fields = new HashMap<>();
				for (int j = 0; j < names.length; j++) {
					fields.put(names[j].trim(), values[j].trim());
				}
				return new ConsumerResult(Long.parseLong(fields.get("data.consumed.in.nMsg")),
						Double.parseDouble(fields.get("fetch.nMsg.sec")), Double.parseDouble(fields.get("nMsg.sec")));
			}
		}
		throw new IllegalStateException("no ConsumerPerformance result lines in:\n" + tail(output));
	}

	private static String tail(String output) {
		List<String> lines = output.lines().toList();
		return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
	}

	/** What ProducerPerformance reported: overall rate, and the steady rate after the first window. */
	record ProducerResult(long records, double recordsPerSecond, double steadyRecordsPerSecond) {
	}

	/** What ConsumerPerformance reported: the fetch rate, and the rate including the group join. */
	record ConsumerResult(long records, double fetchRecordsPerSecond, double recordsPerSecond) {
	}

}
