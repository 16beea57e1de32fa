package io.kafkademo.localstack;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One scrape of a replica's {@code /actuator/prometheus}, with accessors for the {@code kafka_demo_*} meters.
 */
public final class ReplicaMetrics {

	private final List<Sample> samples;

	private ReplicaMetrics(List<Sample> samples) {
		this.samples = List.copyOf(samples);
	}

	/** Parses the Prometheus text exposition format (comments skipped, no timestamps expected). */
	public static ReplicaMetrics parse(String exposition) {
		List<Sample> samples = new ArrayList<>();
		for (String line : exposition.split("\n")) {
			String trimmed = line.strip();
			if (!trimmed.isEmpty() && !trimmed.startsWith("#")) {
				samples.add(Sample.parse(trimmed));
			}
		}
		return new ReplicaMetrics(samples);
	}

	/** {@code kafka_demo_messages_produced_total}, over all topics. */
	public double produced() {
		return sum("kafka_demo_messages_produced_total");
	}

	/** {@code kafka_demo_messages_consumed_total}, over all topics and groups. */
	public double consumed() {
		return sum("kafka_demo_messages_consumed_total");
	}

	/** {@code kafka_demo_message_failures_total}, over produce and consume. */
	public double failures() {
		return sum("kafka_demo_message_failures_total");
	}

	/** {@code kafka_demo_partitions_assigned}. */
	public double partitionsAssigned() {
		return sum("kafka_demo_partitions_assigned");
	}

	/** The sum of all samples named {@code name}; 0 if there are none. */
	public double sum(String name) {
		return samples(name).stream().mapToDouble(Sample::value).sum();
	}

	/** The samples named {@code name}. */
	public List<Sample> samples(String name) {
		return this.samples.stream().filter((sample) -> sample.name().equals(name)).toList();
	}

	/** Every sample of the scrape. */
	public List<Sample> samples() {
		return this.samples;
	}

	/** One line of a scrape: {@code name{labels} value}. */
	public record Sample(String name, Map<String, String> labels, double value) {

		static Sample parse(String line) {
			int braces = line.indexOf('{');
			int space = line.indexOf(' ');
			Map<String, String> labels = new LinkedHashMap<>();
			String name;
			String rest;
			if (braces >= 0 && (space < 0 || braces < space)) {
				name = line.substring(0, braces);
				int end = parseLabels(line, braces + 1, labels);
				rest = line.substring(end + 1);
			}
			else if (space > 0) {
				name = line.substring(0, space);
				rest = line.substring(space);
			}
			else {
				throw new IllegalArgumentException("Not a Prometheus sample: " + line);
			}
			String value = rest.strip().split("\\s+")[0];
			return new Sample(name, Map.copyOf(labels), parseValue(value, line));
		}

		/** Reads {@code a="x",b="y"} from {@code start}; returns the index of the closing brace. */
		private static int parseLabels(String line, int start, Map<String, String> labels) {
			int i = start;
			while (i < line.length() && line.charAt(i) != '}') {
				int equals = line.indexOf('=', i);
				if (equals < 0 || equals + 1 >= line.length() || line.charAt(equals + 1) != '"') {
					throw new IllegalArgumentException("Malformed labels in " + line);
				}
				String label = line.substring(i, equals).strip();
				StringBuilder value = new StringBuilder();
				int j = equals + 2;
				while (j < line.length() && line.charAt(j) != '"') {
					char c = line.charAt(j);
					if (c == '\\' && j + 1 < line.length()) {
						char escaped = line.charAt(++j);
						value.append((escaped == 'n') ? '\n' : escaped);
					}
					else {
						value.append(c);
					}
					j++;
				}
				labels.put(label, value.toString());
				i = j + 1;
				if (i < line.length() && line.charAt(i) == ',') {
					i++;
				}
			}
			if (i >= line.length()) {
				throw new IllegalArgumentException("Unclosed labels in " + line);
			}
			return i;
		}

		private static double parseValue(String value, String line) {
			return switch (value) {
				case "+Inf" -> Double.POSITIVE_INFINITY;
				case "-Inf" -> Double.NEGATIVE_INFINITY;
				case "NaN" -> Double.NaN;
				default -> {
					try {
						yield Double.parseDouble(value);
					}
					catch (NumberFormatException ex) {
						throw new IllegalArgumentException("Not a Prometheus sample: " + line, ex);
					}
				}
			};
		}

	}

}
