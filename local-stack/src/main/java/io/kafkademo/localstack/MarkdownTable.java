package io.kafkademo.localstack;

import java.util.List;
import java.util.Set;

/**
 * A Markdown table with padded columns, readable as plain text on a console as well as rendered: text columns are
 * left-aligned, all others (numbers, durations) right-aligned.
 */
public final class MarkdownTable {

	private MarkdownTable() {
	}

	/** The header, the alignment rule and the rows, each line ending in a newline. */
	public static String render(List<String> header, List<List<String>> rows, Set<Integer> textColumns) {
		int[] widths = new int[header.size()];
		for (int i = 0; i < widths.length; i++) {
			widths[i] = Math.max(3, header.get(i).length());
		}
		for (List<String> row : rows) {
			for (int i = 0; i < row.size(); i++) {
				widths[i] = Math.max(widths[i], row.get(i).length());
			}
		}
		StringBuilder table = new StringBuilder();
		appendRow(table, header, widths, textColumns);
		table.append('|');
		for (int i = 0; i < widths.length; i++) {
			boolean text = textColumns.contains(i);
			table.append(' ').append(text ? "-".repeat(widths[i]) : "-".repeat(widths[i] - 1) + ":").append(" |");
		}
		table.append('\n');
		rows.forEach((row) -> appendRow(table, row, widths, textColumns));
		return table.toString();
	}

	private static void appendRow(StringBuilder table, List<String> row, int[] widths, Set<Integer> textColumns) {
		table.append('|');
		for (int i = 0; i < row.size(); i++) {
			String cell = row.get(i);
			String padding = " ".repeat(widths[i] - cell.length());
			table.append(' ').append(textColumns.contains(i) ? cell + padding : padding + cell).append(" |");
		}
		table.append('\n');
	}

}
