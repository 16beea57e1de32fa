package io.kafkademo.localstack;

import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SummaryTableTests {

	private static final ReplicaSummary A1 = healthy("kafka-demo-service-a-1", DemoService.SERVICE_A, 8081,
			"bar-topic-2");

	private static final ReplicaSummary B1 = healthy("kafka-demo-service-b-1", DemoService.SERVICE_B, 8091,
			"foo-topic-0");

	@Test
	void rendersOneMarkdownRowPerReplicaWithNumbersRightAligned() {
		ReplicaSummary notReady = new ReplicaSummary("kafka-demo-service-b-2", DemoService.SERVICE_B, 8092, 0, 0,
				Set.of(), 0, 3, null, false, null, List.of());
		ReplicaSummary twoPartitions = new ReplicaSummary("kafka-demo-service-a-2", DemoService.SERVICE_A, 8082, 1234,
				99, Set.of("bar-topic-1", "bar-topic-0"), 2, 0, Duration.ofMillis(40_250), true, null, List.of());

		assertThat(SummaryTable.table(List.of(A1, twoPartitions, B1, notReady))).isEqualTo("""
				| replica                | port | ready after | produced | consumed | partitions owned         | errors | warnings |
				| ---------------------- | ---: | ----------: | -------: | -------: | ------------------------ | -----: | -------: |
				| kafka-demo-service-a-1 | 8081 |      42.2 s |       45 |       22 | bar-topic-2              |      0 |        0 |
				| kafka-demo-service-a-2 | 8082 |      40.3 s |     1234 |       99 | bar-topic-0, bar-topic-1 |      2 |        0 |
				| kafka-demo-service-b-1 | 8091 |      42.2 s |       45 |       22 | foo-topic-0              |      0 |        0 |
				| kafka-demo-service-b-2 | 8092 |           - |        0 |        0 | -                        |      0 |        3 |
				""");
	}

	@Test
	void aHealthyReplicaHasNoProblemAndTheRunExitsZero() {
		assertThat(A1.problems()).isEmpty();
		assertThat(SummaryTable.problems(List.of(A1, B1))).isEmpty();
		assertThat(RunLocal.exitCode(false, List.of(A1, B1))).isZero();
	}

	@Test
	void aReplicaThatReceivedNothingFailsTheRun() {
		ReplicaSummary idle = new ReplicaSummary("kafka-demo-service-b-3", DemoService.SERVICE_B, 8093, 45, 0,
				Set.of(), 0, 0, Duration.ofSeconds(40), true, null, List.of());

		assertThat(SummaryTable.problems(List.of(A1, idle))).containsExactly("kafka-demo-service-b-3 received nothing");
		assertThat(RunLocal.exitCode(false, List.of(A1, idle))).isEqualTo(1);
	}

	@Test
	void aReplicaThatLoggedAnErrorFailsTheRunAndItsFirstErrorIsShown() {
		ReplicaSummary failing = new ReplicaSummary("kafka-demo-service-a-3", DemoService.SERVICE_A, 8083, 45, 22,
				Set.of("bar-topic-1"), 2, 0, Duration.ofSeconds(40), true, null,
				List.of("2026-11-29T02:46:07.000Z ERROR 1 --- [a] [main] logger : first", "... ERROR ... second"));

		assertThat(SummaryTable.problems(List.of(failing))).containsExactly("kafka-demo-service-a-3 logged 2 ERROR lines",
				"kafka-demo-service-a-3 first ERROR: 2026-11-29T02:46:07.000Z ERROR 1 --- [a] [main] logger : first");
		assertThat(RunLocal.exitCode(false, List.of(A1, failing))).isEqualTo(1);
	}

	@Test
	void aReplicaThatNeverBecameReadyOrCrashedFailsTheRun() {
		ReplicaSummary crashed = new ReplicaSummary("kafka-demo-service-a-2", DemoService.SERVICE_A, 8082, 3, 0,
				Set.of(), 0, 0, null, false, 137, List.of());

		assertThat(crashed.problems()).containsExactly("never became ready", "exited unexpectedly with code 137",
				"received nothing");
		assertThat(RunLocal.exitCode(false, List.of(crashed))).isEqualTo(1);
	}

	@Test
	void aFailedRunOrOneWithoutReplicasExitsOne() {
		assertThat(RunLocal.exitCode(true, List.of(A1, B1))).isEqualTo(1);
		assertThat(RunLocal.exitCode(false, List.of())).isEqualTo(1);
	}

	@Test
	void checksThatEveryMessageWrittenByOneServiceWasReceivedOnceByTheOther() {
		ServiceReplica a1 = replica(DemoService.SERVICE_A, 1);
		ServiceReplica a2 = replica(DemoService.SERVICE_A, 2);
		ServiceReplica b1 = replica(DemoService.SERVICE_B, 1);
		ServiceReplica b2 = replica(DemoService.SERVICE_B, 2);
		for (long sequence = 0; sequence < 3; sequence++) {
			a1.log().accept(ReplicaLogTests.wrote(sequence, "foo-topic", 0, sequence));
			a2.log().accept(ReplicaLogTests.wrote(sequence, "foo-topic", 1, sequence));
		}
		b1.log().accept(ReplicaLogTests.received(b1.name(), 0, a1.name()));
		b1.log().accept(ReplicaLogTests.received(b1.name(), 1, a1.name()));
		b2.log().accept(ReplicaLogTests.received(b2.name(), 2, a1.name()));
		b2.log().accept(ReplicaLogTests.received(b2.name(), 0, a2.name()));
		b2.log().accept(ReplicaLogTests.received(b2.name(), 1, a2.name()));
		b1.log().accept(ReplicaLogTests.received(b1.name(), 1, a2.name()));
		b1.log().accept(ReplicaLogTests.received(b1.name(), 9, "elsewhere"));
		a1.log().accept(ReplicaLogTests.received(a1.name(), 0, b1.name()));
		b1.log().accept(ReplicaLogTests.wrote(0, "bar-topic", 0, 0));
		List<ServiceReplica> replicas = List.of(a1, a2, b1, b2);

		String summary = SummaryTable.render(replicas.stream().map(ServiceReplica::summary).toList(), replicas);

		assertThat(summary).contains("foo-topic: 6 written by kafka-demo-service-a, 5 received by kafka-demo-service-b "
				+ "(1 not received, in flight at stop; 1 received more than once; 1 from elsewhere)\n")
			.contains("bar-topic: 1 written by kafka-demo-service-b, 1 received by kafka-demo-service-a (0 not received, "
					+ "in flight at stop; 0 received more than once; 0 from elsewhere)\n")
			.endsWith("""

					FAILED:
					- kafka-demo-service-a-1 never became ready
					- kafka-demo-service-a-2 never became ready
					- kafka-demo-service-a-2 received nothing
					- kafka-demo-service-b-1 never became ready
					- kafka-demo-service-b-2 never became ready
					""");
	}

	@Test
	void endsWithOkWhenNothingIsWrong() {
		assertThat(SummaryTable.render(List.of(A1, B1), List.of()))
			.endsWith("\nOK: every replica received messages and none logged an ERROR\n");
	}

	private static ReplicaSummary healthy(String name, DemoService service, int port, String partition) {
		return new ReplicaSummary(name, service, port, 45, 22, Set.of(partition), 0, 0,
				Duration.ofMillis((service == DemoService.SERVICE_A) ? 42_200 : 42_249), true, null, List.of());
	}

	/** A replica that is never launched: its log is fed by hand. */
	private static ServiceReplica replica(DemoService service, int index) {
		return new ServiceReplica(service, index, 0, List.of("java"), Map.of(), Set.of(),
				Path.of(service.replicaName(index) + ".log"), null, HttpClient.newHttpClient());
	}

}
