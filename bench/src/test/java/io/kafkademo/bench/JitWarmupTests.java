package io.kafkademo.bench;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class JitWarmupTests {

	private static final Duration INTERVAL = Duration.ofSeconds(5);

	@Test
	void settledOnlyWhenEveryServiceCompiledForLessThanTwoPercentOfTheInterval() {
		assertThat(JitWarmup.settled(List.of(40.0, 99.0), INTERVAL)).isTrue();
		assertThat(JitWarmup.settled(List.of(40.0, 100.0), INTERVAL)).isFalse();
		assertThat(JitWarmup.settled(List.of(1_500.0, 10.0), INTERVAL)).isFalse();
	}

	@Test
	void deltasAreEachServicesCompilationSinceTheLastSample() {
		assertThat(JitWarmup.deltas(new double[] { 1_000, 2_000 }, new double[] { 1_250, 2_010 }))
			.containsExactly(250.0, 10.0);
	}

	@Test
	void describesWhatTheWarmupTookAndWhy() {
		JitWarmup.Result settled = new JitWarmup.Result(Duration.ofSeconds(45), true, List.of(12.0, 30.0));
		JitWarmup.Result busy = new JitWarmup.Result(Duration.ofSeconds(120), false, List.of(400.0, 30.0));
		assertThat(settled.describe())
			.isEqualTo("warm-up 45 s, compilers settled (JIT compilation in the last interval: 12 ms / 30 ms)");
		assertThat(busy.describe()).contains("compilers still busy at the limit").contains("400 ms / 30 ms");
	}

	@Test
	void readsTheCompilationTimeMicrometerExports() {
		String scrape = """
				# HELP jvm_compilation_time_ms_total The approximate accumulated elapsed time spent in compilation
				# TYPE jvm_compilation_time_ms_total counter
				jvm_compilation_time_ms_total{compiler="HotSpot 64-Bit Tiered Compilers"} 10481.0
				""";
		assertThat(PrometheusText.value(scrape, JitWarmup.COMPILATION_TIME)).isEqualTo(10_481.0);
	}

}
