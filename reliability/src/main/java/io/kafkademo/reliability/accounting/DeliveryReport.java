package io.kafkademo.reliability.accounting;

import java.time.Duration;
import java.util.List;

/**
 * Message accounting for one fault.
 * @param fault the fault's name
 * @param produced messages the broker acknowledged in the window
 * @param failedSends sends that failed in the window (sequence numbers a producer used but never saw acknowledged,
 * and those it logged as failed)
 * @param consumed deliveries of the produced messages to a consumer, duplicates included
 * @param lost produced messages never consumed
 * @param duplicates deliveries beyond the first
 * @param duplicatesBeforeFault duplicates whose first delivery was well before the fault: not "in flight" when it hit
 * @param unackedConsumed consumed messages whose acknowledgement no producer logged (in flight when a producer died)
 * @param recovery from the window's recovery instant until every partition has delivered a message again; {@code null}
 * if some partition never did in the window
 * @param longestPause the longest time any partition went without a delivery in the window
 * @param partitionsLostBySurvivors partitions revoked from, or lost by, replicas the fault did not stop
 * @param lostSample up to ten lost messages, as {@code host#sequence}
 * @param duplicateSample up to ten duplicated messages
 * @param survivorLosses the rebalance lines behind {@code partitionsLostBySurvivors}
 */
public record DeliveryReport(String fault, long produced, long failedSends, long consumed, long lost, long duplicates,
		long duplicatesBeforeFault, long unackedConsumed, Duration recovery, Duration longestPause,
		long partitionsLostBySurvivors, List<String> lostSample, List<String> duplicateSample,
		List<String> survivorLosses) {

	public DeliveryReport {
		lostSample = List.copyOf(lostSample);
		duplicateSample = List.copyOf(duplicateSample);
		survivorLosses = List.copyOf(survivorLosses);
	}

	/** This report with another recovery time, e.g. the longest of several steps of one fault. */
	public DeliveryReport withRecovery(Duration recovery) {
		return new DeliveryReport(this.fault, this.produced, this.failedSends, this.consumed, this.lost, this.duplicates,
				this.duplicatesBeforeFault, this.unackedConsumed, recovery, this.longestPause,
				this.partitionsLostBySurvivors, this.lostSample, this.duplicateSample, this.survivorLosses);
	}

}
