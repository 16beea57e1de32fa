package io.kafkademo.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The results as one markdown table (for people) and as JSON (for tools), from the same figures. */
final class Report {

	private final List<Figure> figures = new ArrayList<>();

	private final Map<String, Object> context = new LinkedHashMap<>();

	/** Adds a row. */
	void add(Figure figure) {
		this.figures.add(figure);
	}

	/** Adds a fact about the run (machine, load, versions) to the JSON. */
	void context(String key, Object value) {
		this.context.put(key, value);
	}

	List<Figure> figures() {
		return List.copyOf(this.figures);
	}

	/** The table: each value is the median, with min–max when there was more than one run. */
	String markdown() {
		StringBuilder out = new StringBuilder();
		out.append("| Figure | Service | Limit (Kafka tool) | Ratio | Target |\n");
		out.append("| --- | ---: | ---: | ---: | --- |\n");
		for (Figure figure : this.figures) {
			out.append("| ").append(figure.title());
			out.append(" | ").append((figure.service() != null) ? cell(figure.service(), figure.unit()) : "n/a");
			out.append(" | ").append((figure.limit() != null) ? cell(figure.limit(), figure.unit()) : "—");
			out.append(" | ").append(figure.ratioText());
			out.append(" | ").append(target(figure)).append(" |\n");
		}
		return out.toString();
	}

	static String cell(Summary summary, Figure.Unit unit) {
		if (summary.runs() == 1) {
			return unit.format(summary.median());
		}
		return unit.format(summary.median()) + " (" + unit.format(summary.min()) + " – " + unit.format(summary.max())
				+ ")";
	}

	private static String target(Figure figure) {
		if (figure.target() == null) {
			return "—";
		}
		return figure.target() + ((figure.met() == null) ? "" : figure.met() ? ": **met**" : ": **missed**");
	}

	/** The same figures, with every sample, and the context. */
	String json() {
		Map<String, Object> root = new LinkedHashMap<>(this.context);
		List<Object> rows = new ArrayList<>();
		for (Figure figure : this.figures) {
			Map<String, Object> row = new LinkedHashMap<>();
			row.put("id", figure.id());
			row.put("figure", figure.title());
			row.put("unit", figure.unit().symbol());
			row.put("service", (figure.service() != null) ? summary(figure.service()) : null);
			row.put("limit", (figure.limit() != null) ? summary(figure.limit()) : null);
			row.put("ratio", figure.ratio());
			row.put("target", figure.target());
			row.put("met", figure.met());
			rows.add(row);
		}
		root.put("figures", rows);
		return Json.write(root);
	}

	private static Map<String, Object> summary(Summary summary) {
		Map<String, Object> values = new LinkedHashMap<>();
		values.put("median", summary.median());
		values.put("min", summary.min());
		values.put("max", summary.max());
		values.put("runs", summary.samples());
		return values;
	}

}
