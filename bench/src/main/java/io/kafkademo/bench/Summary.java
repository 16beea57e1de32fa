package io.kafkademo.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** The runs of one figure: the median, and the minimum and maximum to show the spread. */
record Summary(double median, double min, double max, List<Double> samples) {

	Summary {
		samples = List.copyOf(samples);
	}

	/** Summarises at least one sample. */
	static Summary of(List<Double> samples) {
		if (samples.isEmpty()) {
			throw new IllegalArgumentException("no samples");
		}
		List<Double> sorted = new ArrayList<>(samples);
		Collections.sort(sorted);
		int n = sorted.size();
		double median = (n % 2 == 1) ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
		return new Summary(median, sorted.get(0), sorted.get(n - 1), samples);
	}

	static Summary of(double... samples) {
		List<Double> list = new ArrayList<>();
		for (double sample : samples) {
			list.add(sample);
		}
		return of(list);
	}

	int runs() {
		return this.samples.size();
	}

}
