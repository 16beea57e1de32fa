package io.kafkademo.localstack;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class RunLocalOptionsTests {

	@Test
	void noOptionsRunUntilStoppedWithThreeReplicasEveryMessageASecondOnTheDefaultPorts() {
		RunLocalOptions options = RunLocalOptions.parse();

		assertThat(options).isEqualTo(RunLocalOptions.defaults());
		assertThat(options.duration()).isNull();
		assertThat(options.replicas()).isEqualTo(3);
		assertThat(options.msgFreq()).isEqualTo(Duration.ofSeconds(1));
		assertThat(options.basePortA()).isEqualTo(8081);
		assertThat(options.basePortB()).isEqualTo(8091);
		assertThat(options.brokerPort()).isEqualTo(9096);
		assertThat(options.prometheusPort()).isEqualTo(9090);
		assertThat(options.prometheus()).isTrue();
		assertThat(options.help()).isFalse();
	}

	@Test
	void readsEveryOptionWithItsValueAfterASpaceOrAnEqualsSign() {
		RunLocalOptions options = RunLocalOptions.parse("--duration", "90s", "--replicas=2", "--msg-freq", "250ms",
				"--base-port-a", "18081", "--base-port-b=18091", "--broker-port", "0", "--prometheus-port", "19090",
				"--no-prometheus");

		assertThat(options).isEqualTo(new RunLocalOptions(Duration.ofSeconds(90), 2, Duration.ofMillis(250), 18081,
				18091, 0, 19090, false, false));
	}

	@Test
	void helpWinsWhereverItIs() {
		assertThat(RunLocalOptions.parse("--replicas", "2", "--help").help()).isTrue();
		assertThat(RunLocalOptions.parse("-h").help()).isTrue();
	}

	@ParameterizedTest
	@CsvSource({ "60s, PT60S", "60, PT60S", "2m, PT2M", "1h, PT1H", "500ms, PT0.5S", " 5S , PT5S" })
	void durationsTakeAUnitOrMeanSeconds(String text, Duration expected) {
		assertThat(RunLocalOptions.parseDuration("--duration", text)).isEqualTo(expected);
	}

	@Test
	void formatsDurationsTheWayTheyAreWritten() {
		assertThat(RunLocalOptions.format(Duration.ofSeconds(60))).isEqualTo("60s");
		assertThat(RunLocalOptions.format(Duration.ofMillis(1500))).isEqualTo("1500ms");
		assertThat(RunLocalOptions.parse("--duration", "2m", "--msg-freq", "250ms").describe())
			.isEqualTo("--duration 120s --replicas 3 --msg-freq 250ms");
		assertThat(RunLocalOptions.defaults().describe()).isEqualTo("(until stopped) --replicas 3 --msg-freq 1s");
	}

	@Test
	void freePortsNeverClash() {
		RunLocalOptions options = RunLocalOptions.parse("--base-port-a", "0", "--base-port-b", "0", "--broker-port",
				"0", "--prometheus-port", "0");

		assertThat(options.basePortA()).isZero();
		assertThat(options.basePortB()).isZero();
	}

	@ParameterizedTest
	@CsvSource(delimiterString = "->", value = {
			"--bogus -> unknown option --bogus",
			"--duration -> --duration needs a value",
			"--duration soon -> --duration: 'soon' is not a duration such as 60s, 2m or 500ms",
			"--duration 0s -> --duration must be longer than 0",
			"--duration -5s -> --duration: '-5s' is not a duration such as 60s, 2m or 500ms",
			"--msg-freq 1d -> --msg-freq: '1d' is not a duration such as 60s, 2m or 500ms",
			"--replicas many -> --replicas: 'many' is not a number",
			"--replicas 0 -> --replicas must be between 1 and 20, not 0",
			"--replicas 21 -> --replicas must be between 1 and 20, not 21",
			"--broker-port 65536 -> --broker-port must be between 0 and 65535, not 65536",
			"--base-port-a 8091 -> port 8091 is given to both kafka-demo-service-a-1 (--base-port-a) and kafka-demo-service-b-1 (--base-port-b)",
			"--base-port-b 8083 -> port 8083 is given to both kafka-demo-service-a-3 (--base-port-a) and kafka-demo-service-b-1 (--base-port-b)",
			"--broker-port 8082 -> port 8082 is given to both kafka-demo-service-a-2 (--base-port-a) and the broker (--broker-port)",
			"--prometheus-port 9096 -> port 9096 is given to both the broker (--broker-port) and Prometheus (--prometheus-port)",
			"--base-port-a 65534 -> port 65536 of kafka-demo-service-a-3 (--base-port-a) is above 65535",
			"--no-prometheus=yes -> unknown option --no-prometheus=yes" })
	void badInputGivesOneLineThatNamesTheOption(String arguments, String message) {
		assertThatIllegalArgumentException().isThrownBy(() -> RunLocalOptions.parse(arguments.split(" ")))
			.withMessage(message)
			.satisfies((ex) -> assertThat(RunLocal.usageError(ex)).isEqualTo(
					"run-local: " + message + " (see ./run-local --help)").doesNotContain("\n"));
	}

	@Test
	void prometheusPortMayBeTakenWhenPrometheusIsNotStarted() {
		assertThat(RunLocalOptions.parse("--no-prometheus", "--prometheus-port", "9096").prometheus()).isFalse();
	}

}
