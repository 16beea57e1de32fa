package io.kafkademo.bench;

import java.util.List;

import io.kafkademo.bench.PrometheusText.Histogram;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class StatisticsTests {

	@Test
	void medianOfAnOddNumberOfRunsIsTheMiddleOne() {
		Summary summary = Summary.of(3.0, 1.0, 2.0);
		assertThat(summary.median()).isEqualTo(2.0);
		assertThat(summary.min()).isEqualTo(1.0);
		assertThat(summary.max()).isEqualTo(3.0);
		assertThat(summary.samples()).containsExactly(3.0, 1.0, 2.0);
	}

	@Test
	void medianOfAnEvenNumberOfRunsIsTheMeanOfTheMiddleTwo() {
		assertThat(Summary.of(4.0, 1.0, 3.0, 2.0).median()).isEqualTo(2.5);
	}

	@Test
	void quantilesAreInterpolatedInsideTheirBucketLikeHistogramQuantile() {
		String scrape = """
				# TYPE kafka_demo_end_to_end_latency_seconds histogram
				kafka_demo_end_to_end_latency_seconds_bucket{application="b",topic="foo",le="0.001"} 50.0
				kafka_demo_end_to_end_latency_seconds_bucket{application="b",topic="foo",le="0.002"} 90.0
				kafka_demo_end_to_end_latency_seconds_bucket{application="b",topic="foo",le="0.01"} 100.0
				kafka_demo_end_to_end_latency_seconds_bucket{application="b",topic="foo",le="+Inf"} 100.0
				kafka_demo_end_to_end_latency_seconds_bucket{application="b",topic="bar",le="0.001"} 7.0
				""";
		Histogram histogram = PrometheusText.histogram(scrape, Latency.HISTOGRAM, "topic=\"foo\"");
		assertThat(histogram.count()).isEqualTo(100.0);
		assertThat(histogram.quantile(0.5)).isCloseTo(0.001, within(1e-12));
		assertThat(histogram.quantile(0.7)).isCloseTo(0.0015, within(1e-12));
		assertThat(histogram.quantile(0.95)).isCloseTo(0.006, within(1e-12));
	}

	@Test
	void aWindowIsTheDifferenceOfTwoScrapes() {
		Histogram before = new Histogram(List.of(new PrometheusText.Bucket(0.001, 10),
				new PrometheusText.Bucket(Double.POSITIVE_INFINITY, 10)));
		Histogram after = new Histogram(List.of(new PrometheusText.Bucket(0.001, 10),
				new PrometheusText.Bucket(Double.POSITIVE_INFINITY, 20)));
		Histogram window = after.minus(before);
		assertThat(window.count()).isEqualTo(10.0);
		// Everything in the window is above the last finite bound: that bound is the answer, as in PromQL.
		assertThat(window.quantile(0.99)).isEqualTo(0.001);
	}

	@Test
	void countersAreSummedOverTheMatchingSeries() {
		String scrape = """
				kafka_demo_messages_consumed_total{application="b",group="g",topic="t"} 1500.0
				kafka_demo_messages_consumed_total{application="b",group="h",topic="t"} 500.0
				kafka_demo_messages_consumed_total{application="b",group="g",topic="u"} 9.0
				""";
		assertThat(PrometheusText.value(scrape, Throughput.CONSUMED, "topic=\"t\"")).isEqualTo(2000.0);
	}

	@Test
	void perfToolResultsAreReadFromTheirOutput() {
		String producer = """
				100000 records sent, 20000.0 records/sec (0.76 MB/sec), 701.4 ms avg latency, 1288.0 ms max latency.
				150000 records sent, 30000.0 records/sec (1.14 MB/sec), 650.1 ms avg latency, 1100.0 ms max latency.
				200000 records sent, 40000.0 records/sec (1.53 MB/sec), 600.7 ms avg latency, 1000.0 ms max latency.
				500000 records sent, 31847.5 records/sec (1.21 MB/sec), 688.81 ms avg latency, 1288.00 ms max latency, \
				659 ms 50th, 1153 ms 95th, 1236 ms 99th, 1278 ms 99.9th.
				""";
		PerfToolOutput.ProducerResult produced = PerfToolOutput.producer(producer);
		assertThat(produced.recordsPerSecond()).isEqualTo(31847.5);
		// The first window (warm-up) is left out: the 400,000 records after it, over the 15.7 s of the whole run less
		// its 5 s (two more windows and the tail up to the summary line).
		assertThat(produced.steadyRecordsPerSecond()).isCloseTo(400_000 / (500_000 / 31847.5 - 5), within(1e-6));
		String consumer = """
				[main] INFO org.apache.kafka.tools.ConsumerPerformance - Starting consumer...
				start.time, end.time, data.consumed.in.MB, MB.sec, data.consumed.in.nMsg, nMsg.sec, rebalance.time.ms, \
				fetch.time.ms, fetch.MB.sec, fetch.nMsg.sec
				2026-11-28 18:01:02:345, 2026-11-28 18:01:06:012, 11.4441, 3.1209, 300000, 81810.7445, 1210, 2457, \
				4.6577, 122100.1221
				""";
		PerfToolOutput.ConsumerResult result = PerfToolOutput.consumer(consumer);
		assertThat(result.records()).isEqualTo(300000);
		assertThat(result.fetchRecordsPerSecond()).isEqualTo(122100.1221);
	}

	@Test
	void producerSteadyRateIsWhatFollowsTheWarmUpWindowEvenWithoutASecondWindow() {
		// A run of 2026-12-05: 7.2 s, so one progress window (the warm-up), then the summary line.
		String producer = """
				1995874 records sent, 399174.8 records/sec (15.23 MB/sec), 1139.9 ms avg latency, 1604.0 ms max latency.
				4000000 records sent, 554554.3 records/sec (21.15 MB/sec), 1002.64 ms avg latency, 1604.00 ms max \
				latency, 1003 ms 50th, 1497 ms 95th, 1558 ms 99th, 1600 ms 99.9th.
				""";
		PerfToolOutput.ProducerResult produced = PerfToolOutput.producer(producer);
		assertThat(produced.recordsPerSecond()).isEqualTo(554554.3);
		// 2,004,126 records between the end of the window (5.000 s) and the summary (7.213 s), not the whole run's rate.
		assertThat(produced.steadyRecordsPerSecond()).isCloseTo(905_615, within(1.0));
	}

	@Test
	void producerRateFallsBackToTheWholeRunWithoutSteadyWindows() {
		String producer = """
				150000 records sent, 42992.3 records/sec (1.64 MB/sec), 836.83 ms avg latency, 1512.00 ms max latency, \
				888 ms 50th, 941 ms 95th, 966 ms 99th, 976 ms 99.9th.
				""";
		PerfToolOutput.ProducerResult produced = PerfToolOutput.producer(producer);
		assertThat(produced.records()).isEqualTo(150000);
		assertThat(produced.steadyRecordsPerSecond()).isEqualTo(42992.3);
	}

	@Test
	void drainEndsHalfwayBetweenTheLastScrapeShortOfTheCountAndTheFirstReachingIt() {
		// 9,000 records after the first scrape (at 1 s); the count was reached between 3.75 s and 4.0 s: 2.875 s.
		double rate = Throughput.rate(9_000, 1_000_000_000L, 3_750_000_000L, 4_000_000_000L);
		assertThat(rate).isCloseTo(9_000 / 2.875, within(1e-9));
	}

	@Test
	void throughputTargetIsMetAtExactlyTheRatio() {
		Figure met = Figure.throughput("x", "x", Summary.of(80.0), Summary.of(100.0), 0.8);
		Figure missed = Figure.throughput("x", "x", Summary.of(79.9), Summary.of(100.0), 0.8);
		assertThat(met.met()).isTrue();
		assertThat(met.ratio()).isEqualTo(0.8);
		assertThat(missed.met()).isFalse();
	}

}
