package io.kafkademo.localstack;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a replica's log says, read line by line as the replica writes it: the messages it wrote and received, the
 * partitions it owns, and its warnings and errors. It reads the services' text log format ({@code LOG_FORMAT=text})
 * at {@code LOG_LEVEL=info}, the launcher's settings. Safe for one writer and any number of readers.
 */
public final class ReplicaLog {

	/** How many ERROR lines are kept verbatim (all are counted). */
	static final int KEPT_ERROR_LINES = 20;

	// Spring Boot's text format: "2026-11-28T17:49:43.717Z  INFO 9867 --- [app] [thread] logger : message".
	private static final Pattern LEVEL = Pattern.compile("^\\S+\\s+(TRACE|DEBUG|INFO|WARN|ERROR)\\s+\\d+\\s+---\\s");

	private static final Pattern WROTE = Pattern
		.compile(" : wrote message (\\d+) to (\\S+) \\(partition: (\\d+), offset: (\\d+)\\)$");

	private static final Pattern RECEIVED = Pattern.compile(" : (\\S+) received message: (.*)$");

	private static final Pattern PING_TEXT = Pattern.compile("^This is message (\\d+) from host (\\S+)$");

	private static final Pattern OWNING = Pattern
		.compile(" : partitions (?:assigned|revoked|lost): \\[[^]]*]; now owning \\[([^]]*)]$");

	private final List<Long> produced = new ArrayList<>();

	private final List<MessageId> received = new ArrayList<>();

	private final List<String> errorLines = new ArrayList<>();

	private Set<String> ownedPartitions = Set.of();

	private long consumed;

	private long errors;

	private long warnings;

	private long lines;

	private Instant firstConsumedAt;

	/** Reads one line of the replica's output. */
	public synchronized void accept(String line) {
		this.lines++;
		Matcher level = LEVEL.matcher(line);
		if (!level.find()) {
			return; // a stack trace or other continuation line
		}
		switch (level.group(1)) {
			case "ERROR" -> {
				this.errors++;
				if (this.errorLines.size() < KEPT_ERROR_LINES) {
					this.errorLines.add(line);
				}
			}
			case "WARN" -> this.warnings++;
			default -> {
			}
		}
		Matcher wrote = WROTE.matcher(line);
		if (wrote.find()) {
			this.produced.add(Long.parseLong(wrote.group(1)));
			return;
		}
		Matcher receivedLine = RECEIVED.matcher(line);
		if (receivedLine.find()) {
			this.consumed++;
			if (this.firstConsumedAt == null) {
				this.firstConsumedAt = Instant.now();
			}
			Matcher ping = PING_TEXT.matcher(receivedLine.group(2));
			if (ping.matches()) {
				this.received.add(new MessageId(ping.group(2), Long.parseLong(ping.group(1))));
			}
			return;
		}
		Matcher owning = OWNING.matcher(line);
		if (owning.find()) {
			Set<String> partitions = new TreeSet<>();
			for (String partition : owning.group(1).split(",")) {
				if (!partition.isBlank()) {
					partitions.add(partition.strip());
				}
			}
			this.ownedPartitions = Collections.unmodifiableSet(partitions);
		}
	}

	/** Messages the broker acknowledged ({@code wrote message N to ...} lines). */
	public synchronized long produced() {
		return this.produced.size();
	}

	/** The sequence numbers of the acknowledged messages, in log order. */
	public synchronized List<Long> producedSequences() {
		return List.copyOf(this.produced);
	}

	/** Records the listener processed ({@code H received message: ...} lines). */
	public synchronized long consumed() {
		return this.consumed;
	}

	/** When this log read its first received message, if it has. */
	public synchronized Optional<Instant> firstConsumedAt() {
		return Optional.ofNullable(this.firstConsumedAt);
	}

	/** The ping-pong messages received, in log order; duplicates stay. */
	public synchronized List<MessageId> received() {
		return List.copyOf(this.received);
	}

	/** The partitions owned according to the latest rebalance line, such as {@code [bar-topic-0]}. */
	public synchronized Set<String> ownedPartitions() {
		return this.ownedPartitions;
	}

	/** ERROR lines so far. */
	public synchronized long errors() {
		return this.errors;
	}

	/** The first {@value #KEPT_ERROR_LINES} ERROR lines. */
	public synchronized List<String> errorLines() {
		return List.copyOf(this.errorLines);
	}

	/** WARN lines so far. */
	public synchronized long warnings() {
		return this.warnings;
	}

	/** All lines so far, continuation lines included. */
	public synchronized long lines() {
		return this.lines;
	}

}
