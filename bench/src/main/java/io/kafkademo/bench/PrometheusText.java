package io.kafkademo.bench;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Samples and histograms from a Prometheus text scrape of {@code /actuator/prometheus}. */
final class PrometheusText {

	private static final Pattern SAMPLE = Pattern.compile("(?m)^([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{([^}]*)\\})? (\\S+)");

	private PrometheusText() {
	}

	/** The sum of the samples of {@code name} whose labels contain every one of {@code labels} ({@code k="v"}). */
	static double value(String scrape, String name, String... labels) {
		Matcher matcher = SAMPLE.matcher(scrape);
		double sum = 0;
		boolean found = false;
		while (matcher.find()) {
			if (matcher.group(1).equals(name) && hasLabels(matcher.group(3), labels)) {
				sum += Double.parseDouble(matcher.group(4));
				found = true;
			}
		}
		if (!found) {
			throw new IllegalStateException("no sample " + name + " with " + String.join(",", labels));
		}
		return sum;
	}

	/** The cumulative buckets of histogram {@code name} (without {@code _bucket}) matching {@code labels}. */
	static Histogram histogram(String scrape, String name, String... labels) {
		Matcher matcher = SAMPLE.matcher(scrape);
		List<Bucket> buckets = new ArrayList<>();
		Pattern le = Pattern.compile("(?:^|,)le=\"([^\"]+)\"");
		while (matcher.find()) {
			if (matcher.group(1).equals(name + "_bucket") && hasLabels(matcher.group(3), labels)) {
				Matcher bound = le.matcher(matcher.group(3));
				if (bound.find()) {
					String text = bound.group(1);
					double upper = text.equals("+Inf") ? Double.POSITIVE_INFINITY : Double.parseDouble(text);
					buckets.add(new Bucket(upper, Double.parseDouble(matcher.group(4))));
				}
			}
		}
		if (buckets.isEmpty()) {
			throw new IllegalStateException("no histogram " + name + " with " + String.join(",", labels));
		}
		buckets.sort(Comparator.comparingDouble(Bucket::upperBound));
		return new Histogram(buckets);
	}

	private static boolean hasLabels(String found, String... labels) {
		for (String label : labels) {
			if (found == null || !(found.startsWith(label) || found.contains("," + label))) {
				return false;
			}
		}
		return true;
	}

	/** One cumulative bucket: observations at most {@code upperBound}. */
	record Bucket(double upperBound, double count) {
	}

	/** Cumulative buckets sorted by upper bound, the last one {@code +Inf}. */
	record Histogram(List<Bucket> buckets) {

		/** The observations made between {@code earlier} and this scrape. */
		Histogram minus(Histogram earlier) {
			if (earlier.buckets.size() != this.buckets.size()) {
				throw new IllegalArgumentException("histograms have different buckets");
			}
			List<Bucket> delta = new ArrayList<>();
			for (int i = 0; i < this.buckets.size(); i++) {
				delta.add(new Bucket(this.buckets.get(i).upperBound(),
						this.buckets.get(i).count() - earlier.buckets.get(i).count()));
			}
			return new Histogram(delta);
		}

		double count() {
			return this.buckets.get(this.buckets.size() - 1).count();
		}

		/**
		 * The {@code q} quantile, interpolated linearly inside its bucket as PromQL's {@code histogram_quantile} does
		 * (the first bucket's lower bound is 0); {@code NaN} without observations.
		 */
		double quantile(double q) {
			double total = count();
			if (total <= 0) {
				return Double.NaN;
			}
			double rank = q * total;
			double lowerBound = 0;
			double countBelow = 0;
			for (Bucket bucket : this.buckets) {
				if (bucket.count() >= rank) {
					if (Double.isInfinite(bucket.upperBound())) {
						return lowerBound;
					}
					double inBucket = bucket.count() - countBelow;
					double fraction = (inBucket <= 0) ? 1 : (rank - countBelow) / inBucket;
					return lowerBound + (bucket.upperBound() - lowerBound) * fraction;
				}
				lowerBound = bucket.upperBound();
				countBelow = bucket.count();
			}
			return lowerBound;
		}

	}

}
