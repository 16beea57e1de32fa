package io.kafkademo.reliability.accounting;

import java.time.Duration;
import java.time.Instant;
import java.util.Set;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class MessageLedgerTests {

	private static final Instant T0 = Instant.parse("2026-11-28T18:00:00Z");

	private final MessageLedger ledger = new MessageLedger();

	@Test
	void countsProducedConsumedLostAndDuplicated() {
		for (int sequence = 0; sequence < 10; sequence++) {
			acked("a-1", 1, ms(sequence * 100), sequence, "foo-topic", sequence % 3, sequence);
			if (sequence != 4) {
				received("b-1", 2, ms(sequence * 100 + 50), "a-1", sequence);
			}
		}
		received("b-2", 3, ms(2000), "a-1", 7);

		DeliveryReport report = this.ledger.account(window(T0, ms(5000), T0, Set.of()));

		assertThat(report.produced()).isEqualTo(10);
		assertThat(report.consumed()).isEqualTo(10);
		assertThat(report.lost()).isEqualTo(1);
		assertThat(report.lostSample()).containsExactly("a-1#4 (foo-topic-1@4)");
		assertThat(report.duplicates()).isEqualTo(1);
		assertThat(report.duplicateSample()).containsExactly("a-1#7 x2");
		assertThat(report.failedSends()).isZero();
	}

	@Test
	void aRestartedProducersSequenceNumbersAreNewMessages() {
		for (int sequence = 0; sequence < 5; sequence++) {
			acked("a-1", 1, ms(sequence * 100), sequence, "foo-topic", 0, sequence);
			received("b-1", 2, ms(sequence * 100 + 30), "a-1", sequence);
			// The same replica after a restart: a new process, sequences from 0 again, a minute later.
			acked("a-1", 7, ms(60_000 + sequence * 100), sequence, "foo-topic", 0, 100 + sequence);
			received("b-1", 2, ms(60_000 + sequence * 100 + 30), "a-1", sequence);
		}

		DeliveryReport report = this.ledger.account(window(T0, ms(120_000), T0, Set.of()));

		assertThat(report.produced()).isEqualTo(10);
		assertThat(report.consumed()).isEqualTo(10);
		assertThat(report.lost()).isZero();
		assertThat(report.duplicates()).isZero();
	}

	/**
	 * A consumer's log can be read a moment before the producer's line it answers: a restarted producer's message
	 * must not be matched to its predecessor's message with the same sequence number meanwhile.
	 */
	@Test
	void aDeliveryReadBeforeItsAcknowledgementIsNotADuplicateOfTheSameNumberBeforeARestart() {
		acked("a-2", 1, ms(0), 128, "foo-topic", 2, 153);
		received("b-2", 2, ms(8), "a-2", 128);
		// The restarted a-2's acknowledgement is logged at 32,000 ms but not read yet; b-2's delivery is.
		this.ledger.readingThrough(ms(32_020));
		received("b-2", 2, ms(32_010), "a-2", 128);

		DeliveryReport whileReading = this.ledger.account(window(T0, ms(40_000), T0, Set.of()));

		assertThat(whileReading.duplicates()).isZero();
		assertThat(whileReading.consumed()).isEqualTo(1);
		assertThat(this.ledger.settledThrough(ms(32_010))).isFalse();

		this.ledger.readingThrough(ms(40_000));
		acked("a-2", 7, ms(32_000), 128, "foo-topic", 2, 574);
		DeliveryReport read = this.ledger.account(window(T0, ms(40_000), T0, Set.of()));

		assertThat(read.produced()).isEqualTo(2);
		assertThat(read.consumed()).isEqualTo(2);
		assertThat(read.duplicates()).isZero();
		assertThat(read.lost()).isZero();
	}

	@Test
	void aDuplicateNearWhereTheLogsWereReadCountsOnceTheyAreReadPastIt() {
		acked("a-1", 1, ms(1000), 5, "foo-topic", 0, 5);
		received("b-1", 2, ms(1010), "a-1", 5);
		received("b-2", 3, ms(3000), "a-1", 5);
		this.ledger.readingThrough(ms(4000));

		assertThat(this.ledger.account(window(T0, ms(5000), T0, Set.of())).duplicates()).isZero();

		this.ledger.readingThrough(ms(9000));

		assertThat(this.ledger.settledThrough(ms(3000))).isTrue();
		assertThat(this.ledger.account(window(T0, ms(5000), T0, Set.of())).duplicateSample())
			.containsExactly("a-1#5 x2");
	}

	/** After a broker crash a producer's retries can be answered seconds after a consumer has read the record. */
	@Test
	void anAcknowledgementDelayedByABrokerCrashStillMatchesItsDelivery() {
		acked("b-3", 5, ms(0), 85, "bar-topic", 1, 87);
		received("a-1", 2, ms(20), "b-3", 85);
		received("a-1", 2, ms(1000), "b-3", 86);
		acked("b-3", 5, ms(6460), 86, "bar-topic", 1, 88);

		DeliveryReport report = this.ledger.account(window(T0, ms(10_000), T0, Set.of()));

		assertThat(report.lost()).isZero();
		assertThat(report.unackedConsumed()).isZero();
		assertThat(report.consumed()).isEqualTo(2);
	}

	@Test
	void aDeliveryIsNotMatchedToALaterProcesssMessageWithTheSameNumber() {
		received("b-1", 2, ms(1000), "a-1", 3);
		// a-1 restarted: its new process starts, then acknowledges its own message 3.
		acked("a-1", 7, ms(30_000), 0, "foo-topic", 0, 50);
		acked("a-1", 7, ms(30_300), 3, "foo-topic", 0, 53);

		DeliveryReport report = this.ledger.account(window(T0, ms(60_000), T0, Set.of()));

		assertThat(report.unackedConsumed()).isEqualTo(1);
		assertThat(report.lostSample()).containsExactly("a-1#0 (foo-topic-0@50)", "a-1#3 (foo-topic-0@53)");
	}

	@Test
	void aDeliveryLoggedJustBeforeItsAcknowledgementStillCounts() {
		acked("a-1", 1, ms(1000), 0, "foo-topic", 0, 0);
		received("b-1", 2, ms(900), "a-1", 0);

		DeliveryReport report = this.ledger.account(window(T0, ms(5000), T0, Set.of()));

		assertThat(report.lost()).isZero();
		assertThat(report.unackedConsumed()).isZero();
	}

	@Test
	void deliveriesOfMessagesNobodyAcknowledgedAreReportedApart() {
		received("b-1", 2, ms(900), "a-1", 17);

		DeliveryReport report = this.ledger.account(window(T0, ms(5000), T0, Set.of()));

		assertThat(report.produced()).isZero();
		assertThat(report.consumed()).isZero();
		assertThat(report.unackedConsumed()).isEqualTo(1);
	}

	@Test
	void countsFailedSendsFromSkippedSequenceNumbersAndFailureLines() {
		for (long sequence : new long[] { 0, 1, 2, 6, 7 }) {
			acked("a-1", 1, ms(sequence * 100), sequence, "foo-topic", 0, sequence);
		}
		// Logged once for a run of failures; 4 and 5 are only visible as gaps.
		line("a-1", 1, ms(300), "WARN", "failed to send message 3 to foo-topic: TopicAuthorizationException: Not "
				+ "authorized to access topics: [foo-topic]");
		// A failure after the last acknowledgement is only known from its line.
		line("a-1", 1, ms(800), "WARN", "failed to send message 8 to foo-topic: TimeoutException: x");

		DeliveryReport report = this.ledger.account(window(T0, ms(5000), T0, Set.of()));

		assertThat(report.failedSends()).isEqualTo(4);
	}

	@Test
	void aWindowOwnsTheMessagesAcknowledgedInIt() {
		for (int sequence = 0; sequence < 20; sequence++) {
			acked("a-1", 1, ms(sequence * 1000), sequence, "foo-topic", 0, sequence);
			received("b-1", 2, ms(sequence * 1000 + 100), "a-1", sequence);
		}

		DeliveryReport first = this.ledger.account(window(T0, ms(10_000), T0, Set.of()));
		DeliveryReport second = this.ledger.account(window(ms(10_000), ms(20_000), ms(10_000), Set.of()));

		assertThat(first.produced()).isEqualTo(10);
		assertThat(second.produced()).isEqualTo(10);
		assertThat(first.consumed() + second.consumed()).isEqualTo(20);
	}

	@Test
	void recoveryLastsUntilEveryPartitionDeliversAgain() {
		// Deliveries every 100 ms on three partitions until the fault at 10 s; they resume at 12, 15 and 20 s.
		int sequence = 0;
		long[] resume = { 12_000, 15_000, 20_000 };
		for (int partition = 0; partition < 3; partition++) {
			for (long at = 0; at < 30_000; at += 100) {
				if (at < 10_000 || at >= resume[partition]) {
					acked("a-1", 1, ms(at), sequence, "foo-topic", partition, sequence);
					received("b-1", 2, ms(at + 20), "a-1", sequence);
				}
				sequence++;
			}
		}

		DeliveryReport report = this.ledger.account(window(T0, ms(30_000), ms(10_000), Set.of()));

		assertThat(report.recovery()).isEqualTo(Duration.ofMillis(10_020));
		assertThat(report.longestPause()).isEqualTo(Duration.ofMillis(10_100));
	}

	@Test
	void aPartitionThatNeverDeliversAgainHasNoRecovery() {
		acked("a-1", 1, ms(0), 0, "foo-topic", 0, 0);
		received("b-1", 2, ms(10), "a-1", 0);
		acked("a-1", 1, ms(0), 1, "foo-topic", 1, 0);
		received("b-1", 2, ms(10), "a-1", 1);
		acked("a-1", 1, ms(6000), 2, "foo-topic", 0, 1);
		received("b-1", 2, ms(6010), "a-1", 2);

		DeliveryReport report = this.ledger.account(window(T0, ms(30_000), ms(5000), Set.of()));

		assertThat(report.recovery()).isNull();
	}

	@Test
	void onlyPartitionsTakenFromReplicasThatKeptRunningAreSurvivorsLosses() {
		// pid 5 is being stopped: its revocation at shutdown is expected. pid 6 and 7 kept running.
		line("b-1", 5, ms(1000), "INFO", "partitions revoked: [foo-topic-0]; now owning []");
		line("b-2", 6, ms(1100), "INFO", "partitions assigned: [foo-topic-0]; now owning [foo-topic-0, foo-topic-1]");
		line("b-2", 6, ms(9000), "INFO", "partitions revoked: [foo-topic-0]; now owning [foo-topic-1]");
		line("b-3", 7, ms(9100), "WARN", "partitions lost: [foo-topic-2]; now owning []");
		line("b-3", 7, ms(60_000), "WARN", "partitions lost: [foo-topic-1]; now owning []");

		DeliveryReport report = this.ledger.account(window(T0, ms(30_000), T0, Set.of(5L)));

		assertThat(report.partitionsLostBySurvivors()).isEqualTo(2);
		assertThat(report.survivorLosses()).hasSize(2)
			.anySatisfy((loss) -> assertThat(loss).startsWith("b-2 (pid 6) revoked [foo-topic-0]"))
			.anySatisfy((loss) -> assertThat(loss).startsWith("b-3 (pid 7) lost [foo-topic-2]"));
	}

	@Test
	void duplicatesFirstDeliveredLongBeforeTheFaultWereNotInFlight() {
		acked("a-1", 1, ms(0), 0, "foo-topic", 0, 0);
		received("b-1", 2, ms(10), "a-1", 0);
		acked("a-1", 1, ms(29_000), 1, "foo-topic", 0, 1);
		received("b-1", 2, ms(29_010), "a-1", 1);
		// Both redelivered after the fault at 30 s; only message 1 was in flight.
		received("b-1", 9, ms(40_000), "a-1", 0);
		received("b-1", 9, ms(40_000), "a-1", 1);

		DeliveryReport report = this.ledger.account(window(T0, ms(60_000), ms(30_000), Set.of()));

		assertThat(report.duplicates()).isEqualTo(2);
		assertThat(report.duplicatesBeforeFault()).isEqualTo(1);
	}

	@Test
	void readsLogFilesWithTornLastLines(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
		java.nio.file.Path file = dir.resolve("a-1.log");
		java.nio.file.Files.write(file, (text(ms(0), 1, "INFO", "wrote message 0 to foo-topic (partition: 0, offset: 0)")
				+ "\n" + text(ms(1), 1, "INFO", "wrote message 1 to foo-topic (partition: 0, off")).getBytes(
						java.nio.charset.StandardCharsets.UTF_8));

		this.ledger.read("a-1", file);

		assertThat(this.ledger.events(ServiceEvent.Acked.class)).hasSize(1);
	}

	private static FaultWindow window(Instant start, Instant end, Instant fault, Set<Long> stoppedPids) {
		return new FaultWindow("test", start, fault, fault, end, stoppedPids);
	}

	private void acked(String replica, long pid, Instant time, long sequence, String topic, int partition,
			long offset) {
		line(replica, pid, time, "INFO", "wrote message " + sequence + " to " + topic + " (partition: " + partition
				+ ", offset: " + offset + ")");
	}

	private void received(String replica, long pid, Instant time, String producer, long sequence) {
		line(replica, pid, time, "INFO", replica + " received message: This is message " + sequence + " from host "
				+ producer);
	}

	private void line(String replica, long pid, Instant time, String level, String message) {
		this.ledger.accept(replica, text(time, pid, level, message));
	}

	private static String text(Instant time, long pid, String level, String message) {
		return time + " " + String.format("%5s", level) + " " + pid + " --- [app] [thread] some.Logger : " + message;
	}

	private static Instant ms(long millis) {
		return T0.plusMillis(millis);
	}

}
