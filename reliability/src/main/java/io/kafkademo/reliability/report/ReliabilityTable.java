package io.kafkademo.reliability.report;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

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
		rows.add(HEADER);
		for (DeliveryReport report : reports) {
			rows.add(List.of(report.fault(), Long.toString(report.produced()), Long.toString(report.failedSends()),
					Long.toString(report.consumed()), Long.toString(report.lost()), Long.toString(report.duplicates()),
					(report.recovery() != null) ? seconds(report.recovery()) : "never", seconds(report.longestPause()),
					Long.toString(report.partitionsLostBySurvivors())));
		}
		int[] widths = new int[HEADER.size()];
		for (List<String> row : rows) {
			for (int i = 0; i < row.size(); i++) {
				widths[i] = Math.max(widths[i], row.get(i).length());
			}
		}
		StringBuilder table = new StringBuilder();
		appendRow(table, rows.get(0), widths);
		table.append('|');
		for (int i = 0; i < widths.length; i++) {
			table.append(' ').append((i == 0) ? "-".repeat(widths[i]) : "-".repeat(widths[i] - 1) + ":").append(" |");
		}
		table.append('\n');
		rows.subList(1, rows.size()).forEach((row) -> appendRow(table, row, widths));
		return table.toString();
	}

	static String seconds(Duration duration) {
		return String.format(Locale.ROOT, "%.1f s", duration.toMillis() / 1000.0);
	}

	private static void appendRow(StringBuilder table, List<String> row, int[] widths) {
		table.append('|');
		for (int i = 0; i < row.size(); i++) {
			String cell = row.get(i);
			String padding = " ".repeat(widths[i] - cell.length());
			table.append(' ').append((i == 0) ? cell + padding : padding + cell).append(" |");
		}
		table.append('\n');
	}

}
