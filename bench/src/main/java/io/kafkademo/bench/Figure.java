package io.kafkademo.bench;

/**
 * One row of the results: what the service achieved, what Kafka's own tool achieved on the same broker and data (the
 * limit, if there is one), and the target from issue 8.
 *
 * @param id stable key for the JSON, e.g. {@code consumer.40B.info}
 * @param title what was measured, e.g. {@code Consumer path, 40 B, INFO log line per message}
 * @param unit unit of the values
 * @param service the service's runs, or {@code null} where the service cannot be measured
 * @param limit Kafka tool runs, or {@code null}
 * @param target the target in words, or {@code null}
 * @param met whether the target is met, or {@code null} when there is no target
 * @param minimumRatio the ratio the target asks for, or {@code null} when the target is not a ratio
 */
record Figure(String id, String title, Unit unit, Summary service, Summary limit, String target, Boolean met,
		Double minimumRatio) {

	/** The decimals a ratio is shown with at most: enough to tell 0.7996 from 0.8. */
	private static final int MAX_RATIO_DECIMALS = 4;

	/** A figure without a ratio target. */
	Figure(String id, String title, Unit unit, Summary service, Summary limit, String target, Boolean met) {
		this(id, title, unit, service, limit, target, met, null);
	}

	/** Service median divided by limit median, or {@code null} without a limit. */
	Double ratio() {
		return ratio(this.service, this.limit);
	}

	private static Double ratio(Summary service, Summary limit) {
		return (service == null || limit == null || limit.median() == 0) ? null : service.median() / limit.median();
	}

	/**
	 * The ratio with two decimals, or more where two would round it onto the other side of its target: a missed
	 * 0.798 must not read 0.80.
	 */
	String ratioText() {
		Double ratio = ratio();
		if (ratio == null) {
			return "—";
		}
		int decimals = 2;
		String text = decimal(ratio, decimals);
		while (decimals < MAX_RATIO_DECIMALS && roundedAcrossTarget(text, ratio)) {
			decimals++;
			text = decimal(ratio, decimals);
		}
		return text;
	}

	private boolean roundedAcrossTarget(String shown, double ratio) {
		return this.minimumRatio != null
				&& (Double.parseDouble(shown) >= this.minimumRatio) != (ratio >= this.minimumRatio);
	}

	private static String decimal(double value, int decimals) {
		return String.format(java.util.Locale.ROOT, "%." + decimals + "f", value);
	}

	/** A throughput figure whose target is a minimum ratio to the limit. */
	static Figure throughput(String id, String title, Summary service, Summary limit, double minimumRatio) {
		Double ratio = ratio(service, limit);
		return new Figure(id, title, Unit.RECORDS_PER_SECOND, service, limit,
				String.format(java.util.Locale.ROOT, "≥ %.1f × limit", minimumRatio),
				(ratio == null) ? null : ratio >= minimumRatio, minimumRatio);
	}

	/** A figure with an upper bound as target (latency, time, memory); {@code maximum} null: no target. */
	static Figure atMost(String id, String title, Unit unit, Summary service, Double maximum) {
		if (maximum == null) {
			return new Figure(id, title, unit, service, null, null, null);
		}
		return new Figure(id, title, unit, service, null, "≤ " + unit.format(maximum),
				service.median() <= maximum);
	}

	/**
	 * A figure with a hard upper bound that no run may exceed (a pod above its memory limit is OOM-killed, however
	 * the other runs went): met only if the highest run is at most {@code maximum}, named {@code bound} in the table.
	 */
	static Figure everyRunAtMost(String id, String title, Unit unit, Summary service, double maximum, String bound) {
		return new Figure(id, title, unit, service, null, "every run ≤ " + unit.format(maximum) + " (" + bound + ")",
				service.max() <= maximum);
	}

	/** Units and how their values are shown. */
	enum Unit {

		RECORDS_PER_SECOND("records/s"), MILLISECONDS("ms"), SECONDS("s"), MEGABYTES("MB");

		private final String symbol;

		Unit(String symbol) {
			this.symbol = symbol;
		}

		String symbol() {
			return this.symbol;
		}

		String format(double value) {
			return switch (this) {
				case RECORDS_PER_SECOND -> String.format(java.util.Locale.ROOT, "%,.0f/s", value);
				case MILLISECONDS -> String.format(java.util.Locale.ROOT, "%.1f ms", value);
				case SECONDS -> String.format(java.util.Locale.ROOT, "%.2f s", value);
				case MEGABYTES -> String.format(java.util.Locale.ROOT, "%.0f MB", value);
			};
		}

	}

}
