package io.kafkademo.bench;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ReportTests {

	@Test
	void tableShowsMedianWithRangeRatioAndWhetherTheTargetIsMet() {
		Report report = new Report();
		report.add(Figure.throughput("consumer.40B.warn", "Consumer path, 40 B, LOG_LEVEL=warn",
				Summary.of(90_000.0, 100_000.0, 95_000.0), Summary.of(120_000.0, 118_000.0, 121_000.0), 0.8));
		report.add(Figure.atMost("latency.p99", "End-to-end A→B p99", Figure.Unit.MILLISECONDS, Summary.of(12.5), 10.0));
		assertThat(report.markdown()).isEqualTo("""
				| Figure | Service | Limit (Kafka tool) | Ratio | Target |
				| --- | ---: | ---: | ---: | --- |
				| Consumer path, 40 B, LOG_LEVEL=warn | 95,000/s (90,000/s – 100,000/s) | 120,000/s (118,000/s – 121,000/s) \
				| 0.79 | ≥ 0.8 × limit: **missed** |
				| End-to-end A→B p99 | 12.5 ms | — | — | ≤ 10.0 ms: **missed** |
				""");
	}

	@Test
	void aRatioJustUnderItsTargetIsNotRoundedOntoIt() {
		assertThat(ratioShown(601_853.0, 754_006.0, 0.8)).isEqualTo("0.798");
		assertThat(ratioShown(168_541.0, 338_066.0, 0.5)).isEqualTo("0.499");
		assertThat(ratioShown(80_000.0, 100_000.0, 0.8)).isEqualTo("0.80");
		assertThat(ratioShown(25_600.0, 100_000.0, 0.8)).isEqualTo("0.26");
		assertThat(ratioShown(81_496.0, 100_000.0, 0.8)).isEqualTo("0.81");
	}

	private static String ratioShown(double service, double limit, double minimumRatio) {
		Report report = new Report();
		report.add(Figure.throughput("x", "x", Summary.of(service), Summary.of(limit), minimumRatio));
		String row = report.markdown().lines().skip(2).findFirst().orElseThrow();
		return row.split(" \\| ")[3];
	}

	@Test
	void jsonHasEveryRunOfEveryFigure() {
		Report report = new Report();
		report.context("quick", true);
		report.add(Figure.atMost("startup.java25-lean.rss", "RSS \"idle\"", Figure.Unit.MEGABYTES,
				Summary.of(140.5, 150.0), 150.0));
		assertThat(report.json()).isEqualTo("""
				{
				  "quick": true,
				  "figures": [
				    {
				      "id": "startup.java25-lean.rss",
				      "figure": "RSS \\"idle\\"",
				      "unit": "MB",
				      "service": {
				        "median": 145.25,
				        "min": 140.5,
				        "max": 150,
				        "runs": [140.5, 150]
				      },
				      "limit": null,
				      "ratio": null,
				      "target": "≤ 150 MB",
				      "met": true
				    }
				  ]
				}
				""");
	}

	@Test
	void jsonNumbersKeepTheirValue() {
		assertThat(Json.write(List.of(364590.4, 1086957.3456789, 4.47, 0.000123456789, 150.0, -2.5)))
			.isEqualTo("[364590.4, 1086957.346, 4.47, 0.000123456789, 150, -2.5]\n");
	}

	@Test
	void aHardBoundIsMissedByOneRunAboveItWhateverTheMedian() {
		Report report = new Report();
		report.add(Figure.everyRunAtMost("memory.producer.peak", "Peak RSS", Figure.Unit.MEGABYTES,
				Summary.of(350.0, 360.0, 410.0), 402.65, "the chart's 384Mi limit"));
		report.add(Figure.everyRunAtMost("memory.consumer.peak", "Peak RSS", Figure.Unit.MEGABYTES,
				Summary.of(350.0, 402.0), 402.65, "the chart's 384Mi limit"));
		assertThat(report.markdown()).contains(
				"| Peak RSS | 360 MB (350 MB – 410 MB) | — | — | every run ≤ 403 MB (the chart's 384Mi limit): **missed** |\n",
				"| Peak RSS | 376 MB (350 MB – 402 MB) | — | — | every run ≤ 403 MB (the chart's 384Mi limit): **met** |\n");
	}

	@Test
	void aFigureWithoutAServiceValueShowsOnlyTheLimit() {
		Report report = new Report();
		report.add(new Figure("producer.1KiB", "Producer path, 1 KiB", Figure.Unit.RECORDS_PER_SECOND, null,
				Summary.of(28_000.0, 29_000.0, 27_000.0), null, null));
		assertThat(report.markdown()).endsWith(
				"| Producer path, 1 KiB | n/a | 28,000/s (27,000/s – 29,000/s) | — | — |\n");
		assertThat(report.json()).contains("\"service\": null,").contains("\"ratio\": null,");
	}

}
