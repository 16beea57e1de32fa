package io.kafkademo.reliability.report;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import io.kafkademo.localstack.MarkdownTable;
import io.kafkademo.reliability.accounting.DeliveryReport;

/** The suite's result as a Markdown table: one row per fault. */
public final class ReliabilityTable {

	private static final List<String> HEADER = List.of("fault", "produced", "failed sends", "consumed", "lost",
			"duplicates", "recovery", "longest partition pause", "partitions lost by survivors");

	private ReliabilityTable() {
	}

	/** The table; a recovery that never happened shows as {@code never}. */
	public static String render(List<DeliveryReport> reports) {
		List<List<String>> rows = new ArrayList<>();
		for (DeliveryReport report : reports) {
			rows.add(List.of(report.fault(), Long.toString(report.produced()), Long.toString(report.failedSends()),
					Long.toString(report.consumed()), Long.toString(report.lost()), Long.toString(report.duplicates()),
					(report.recovery() != null) ? seconds(report.recovery()) : "never", seconds(report.longestPause()),
					Long.toString(report.partitionsLostBySurvivors())));
		}
		return MarkdownTable.render(HEADER, rows, Set.of(0));
	}

	static String seconds(Duration duration) {
		return String.format(Locale.ROOT, "%.1f s", duration.toMillis() / 1000.0);
	}

}
