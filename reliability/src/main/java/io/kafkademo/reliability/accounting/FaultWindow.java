package io.kafkademo.reliability.accounting;

import java.time.Instant;
import java.util.Objects;
import java.util.Set;

/**
 * The stretch of a run that one fault is judged on: messages the broker acknowledged in {@code [start, end)} belong to
 * it, wherever they are consumed.
 * @param fault the fault's name, for the report
 * @param start when the window opens (before the fault is injected)
 * @param injectedAt when the fault was first injected; duplicates first delivered well before it are not "in flight"
 * @param recoveryFrom the instant recovery is measured from (the broker is back, the ACL restored, the replica killed)
 * @param end when the window closes
 * @param stoppedPids processes the fault stopped on purpose: their revoked partitions are not survivors' losses
 */
public record FaultWindow(String fault, Instant start, Instant injectedAt, Instant recoveryFrom, Instant end,
		Set<Long> stoppedPids) {

	public FaultWindow {
		Objects.requireNonNull(fault, "fault");
		Objects.requireNonNull(start, "start");
		Objects.requireNonNull(injectedAt, "injectedAt");
		Objects.requireNonNull(recoveryFrom, "recoveryFrom");
		Objects.requireNonNull(end, "end");
		stoppedPids = Set.copyOf(stoppedPids);
		if (end.isBefore(start)) {
			throw new IllegalArgumentException("window of " + fault + " ends before it starts");
		}
	}

	boolean contains(Instant time) {
		return !time.isBefore(this.start) && time.isBefore(this.end);
	}

}
