package io.kafkademo.localstack;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Renders replica summaries as a Markdown table, followed by the delivery check of each topic and the problems that
 * make {@code ./run-local} fail.
 */
public final class SummaryTable {

	private static final List<String> HEADER = List.of("replica", "port", "ready after", "produced", "consumed",
			"partitions owned", "errors", "warnings");

	/** The replica and its partitions; the other columns are numbers. */
	private static final Set<Integer> TEXT_COLUMNS = Set.of(0, 5);

	private SummaryTable() {
	}

	/** The table alone. */
	public static String table(List<ReplicaSummary> summaries) {
		List<List<String>> rows = new ArrayList<>();
		for (ReplicaSummary summary : summaries) {
			rows.add(List.of(summary.name(), Integer.toString(summary.port()),
					(summary.startToReady() != null)
							? String.format(Locale.ROOT, "%.1f s", summary.startToReady().toMillis() / 1000.0) : "-",
					Long.toString(summary.produced()), Long.toString(summary.consumed()),
					summary.partitions().isEmpty() ? "-" : String.join(", ", summary.partitions().stream().sorted().toList()),
					Long.toString(summary.errors()), Long.toString(summary.warnings())));
		}
		return MarkdownTable.render(HEADER, rows, TEXT_COLUMNS);
	}

	/**
	 * The table, one delivery line per topic (messages written by one service and received by the other: missing ones
	 * are normally those in flight when the run stopped) and one line per replica problem.
	 */
	public static String render(List<ReplicaSummary> summaries, Collection<ServiceReplica> replicas) {
		StringBuilder text = new StringBuilder(table(summaries)).append('\n');
		for (DemoService producer : DemoService.values()) {
			text.append(delivery(producer, replicas)).append('\n');
		}
		List<String> problems = problems(summaries);
		text.append('\n').append(problems.isEmpty() ? "OK: every replica received messages and none logged an ERROR"
				: "FAILED:\n- " + String.join("\n- ", problems)).append('\n');
		return text.toString();
	}

	/** One line per problem of any replica, prefixed with its name, plus its first ERROR line. */
	public static List<String> problems(List<ReplicaSummary> summaries) {
		List<String> problems = new ArrayList<>();
		for (ReplicaSummary summary : summaries) {
			for (String problem : summary.problems()) {
				problems.add(summary.name() + " " + problem);
			}
			if (!summary.errorLines().isEmpty()) {
				problems.add(summary.name() + " first ERROR: " + summary.errorLines().get(0));
			}
		}
		return problems;
	}

	private static String delivery(DemoService producer, Collection<ServiceReplica> replicas) {
		Set<MessageId> written = new HashSet<>();
		Map<MessageId, Integer> received = new HashMap<>();
		for (ServiceReplica replica : replicas) {
			if (replica.service() == producer) {
				for (long sequence : replica.log().producedSequences()) {
					written.add(new MessageId(replica.name(), sequence));
				}
			}
			else {
				for (MessageId id : replica.log().received()) {
					received.merge(id, 1, Integer::sum);
				}
			}
		}
		long missing = written.stream().filter((id) -> !received.containsKey(id)).count();
		long twice = received.values().stream().filter((count) -> count > 1).count();
		long unknown = received.keySet().stream().filter((id) -> !written.contains(id)).count();
		return String.format(Locale.ROOT,
				"%s: %d written by %s, %d received by %s (%d not received, in flight at stop; %d received more than once;"
						+ " %d from elsewhere)",
				producer.produceTopic(), written.size(), producer.appName(), written.size() - missing,
				other(producer).appName(), missing, twice, unknown);
	}

	private static DemoService other(DemoService service) {
		return (service == DemoService.SERVICE_A) ? DemoService.SERVICE_B : DemoService.SERVICE_A;
	}

}
