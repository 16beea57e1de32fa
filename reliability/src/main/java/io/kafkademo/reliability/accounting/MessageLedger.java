package io.kafkademo.reliability.accounting;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

import io.kafkademo.localstack.MessageId;
import io.kafkademo.reliability.accounting.ServiceEvent.Acked;
import io.kafkademo.reliability.accounting.ServiceEvent.Rebalance;
import io.kafkademo.reliability.accounting.ServiceEvent.Received;
import io.kafkademo.reliability.accounting.ServiceEvent.SendFailed;

/**
 * Message accounting across all replicas' logs: which messages the broker acknowledged to which producer process,
 * which were consumed and how often, which sends failed, and how the consumer groups rebalanced.
 * <p>
 * A message is {@code host#sequence}, but sequences restart at 0 when a replica restarts, so a delivery is matched to
 * the latest acknowledgement of that id logged before it (with {@link #CLOCK_SLACK} for the two processes' logging
 * delays). An earlier process's message N and a later one's are minutes apart, so the match is unambiguous.
 */
public final class MessageLedger {

	/** How much earlier than its acknowledgement a delivery may be logged (separate processes, async appenders). */
	static final Duration CLOCK_SLACK = Duration.ofSeconds(5);

	/**
	 * The producers' {@code delivery.timeout.ms}: no acknowledgement comes later than this after its send, so none
	 * later than this after a delivery of the message either.
	 */
	static final Duration DELIVERY_TIMEOUT = Duration.ofSeconds(120);

	/** A duplicate first delivered this long before the fault was not in flight when the fault hit. */
	static final Duration IN_FLIGHT = Duration.ofSeconds(10);

	private static final int SAMPLE = 10;

	private final List<ServiceEvent> events = new ArrayList<>();

	/** Every line logged before this had been written when the logs were last read; {@code null}: complete logs. */
	private Instant readThrough;

	/** Reads one line of {@code replica}'s log; lines that are not accounting events are ignored. */
	public synchronized void accept(String replica, String line) {
		ServiceEvent.parse(replica, line).ifPresent(this.events::add);
	}

	/** Reads a whole log file of {@code replica} (a missing file is an empty log). */
	public void read(String replica, Path logFile) {
		if (!Files.exists(logFile)) {
			return;
		}
		// Lenient decoding: a replica killed mid-line must not make the whole log unreadable.
		var decoder = StandardCharsets.UTF_8.newDecoder()
			.onMalformedInput(CodingErrorAction.REPLACE)
			.onUnmappableCharacter(CodingErrorAction.REPLACE);
		try (BufferedReader reader = new BufferedReader(new InputStreamReader(Files.newInputStream(logFile), decoder))) {
			String line;
			while ((line = reader.readLine()) != null) {
				accept(replica, line);
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read " + logFile, ex);
		}
	}

	/**
	 * Marks the start of a read of logs that are still being written: every line logged before {@code instant} (less
	 * {@link #CLOCK_SLACK} for logging delays) will have been read when that read is over.
	 */
	public synchronized void readingThrough(Instant instant) {
		this.readThrough = instant;
	}

	/** Whether every delivery logged up to {@code instant} can be told from a duplicate (see {@link #readingThrough}). */
	public synchronized boolean settledThrough(Instant instant) {
		return this.readThrough == null || this.readThrough.minus(CLOCK_SLACK).isAfter(instant);
	}

	/** The events of one type, in the order read. */
	public synchronized <T extends ServiceEvent> List<T> events(Class<T> type) {
		return this.events.stream().filter(type::isInstance).map(type::cast).toList();
	}

	/** The accounting of the messages acknowledged in {@code window}. */
	public synchronized DeliveryReport account(FaultWindow window) {
		Deliveries deliveries = match();
		long produced = 0;
		long consumed = 0;
		long duplicates = 0;
		long duplicatesBeforeFault = 0;
		List<String> lost = new ArrayList<>();
		List<String> duplicated = new ArrayList<>();
		for (Acked ack : deliveries.acks()) {
			if (!window.contains(ack.time())) {
				continue;
			}
			produced++;
			List<Received> received = deliveries.of(ack);
			consumed += received.size();
			if (received.isEmpty()) {
				lost.add(ack.replica() + "#" + ack.sequence() + " (" + ack.topic() + "-" + ack.partition() + "@"
						+ ack.offset() + ")");
			}
			else if (received.size() > 1) {
				duplicates += received.size() - 1;
				duplicated.add(ack.replica() + "#" + ack.sequence() + " x" + received.size());
				if (received.get(0).time().isBefore(window.injectedAt().minus(IN_FLIGHT))) {
					duplicatesBeforeFault += received.size() - 1;
				}
			}
		}
		List<String> survivorLosses = new ArrayList<>();
		long partitionsLost = 0;
		for (Rebalance rebalance : this.events(Rebalance.class)) {
			if (window.contains(rebalance.time()) && rebalance.kind() != Rebalance.Kind.ASSIGNED
					&& !window.stoppedPids().contains(rebalance.pid()) && !rebalance.partitions().isEmpty()) {
				partitionsLost += rebalance.partitions().size();
				survivorLosses.add(rebalance.replica() + " (pid " + rebalance.pid() + ") "
						+ rebalance.kind().name().toLowerCase(Locale.ROOT) + " " + rebalance.partitions()
						+ " at " + rebalance.time());
			}
		}
		return new DeliveryReport(window.fault(), produced, failedSends(window), consumed, lost.size(), duplicates,
				duplicatesBeforeFault, deliveries.unacked().stream().filter((r) -> window.contains(r.time())).count(),
				recovery(window, deliveries), longestPause(window, deliveries), partitionsLost,
				lost.subList(0, Math.min(SAMPLE, lost.size())), duplicated.subList(0, Math.min(SAMPLE, duplicated.size())),
				survivorLosses);
	}

	/**
	 * For every partition (as {@code topic-partition}) that delivered a message at or after {@code from}, the first such
	 * delivery: once every partition is in it, messages flow everywhere again.
	 */
	public synchronized Map<String, Instant> firstDeliveries(Instant from) {
		Map<String, Instant> first = new TreeMap<>();
		match().delivered().forEach((ack, received) -> {
			for (Received delivery : received) {
				if (!delivery.time().isBefore(from)) {
					first.merge(ack.topic() + "-" + ack.partition(), delivery.time(), (a, b) -> a.isBefore(b) ? a : b);
				}
			}
		});
		return first;
	}

	/** Matches every delivery to the acknowledgement it belongs to. */
	private Deliveries match() {
		Map<MessageId, List<Acked>> acks = new HashMap<>();
		List<Acked> allAcks = events(Acked.class);
		for (Acked ack : allAcks) {
			acks.computeIfAbsent(new MessageId(ack.replica(), ack.sequence()), (id) -> new ArrayList<>()).add(ack);
		}
		acks.values().forEach((list) -> list.sort(Comparator.comparing(Acked::time)));
		Map<String, Instant> processStarts = new HashMap<>();
		for (ServiceEvent event : this.events) {
			processStarts.merge(process(event), event.time(), (a, b) -> a.isBefore(b) ? a : b);
		}
		Map<Acked, List<Received>> delivered = new IdentityHashMap<>();
		List<Received> unacked = new ArrayList<>();
		List<Received> receptions = new ArrayList<>(events(Received.class));
		receptions.sort(Comparator.comparing(Received::time));
		for (Received received : receptions) {
			List<Acked> candidates = acks.getOrDefault(new MessageId(received.producer(), received.sequence()),
					List.of());
			Acked match = null;
			Instant latest = received.time().plus(CLOCK_SLACK);
			for (Acked candidate : candidates) {
				if (candidate.time().isAfter(latest)) {
					break;
				}
				match = candidate;
			}
			if (match == null) {
				match = delayedAcknowledgement(candidates, received, processStarts);
			}
			if (match == null) {
				unacked.add(received);
			}
			else if (delivered.containsKey(match) && mayPrecedeItsAcknowledgement(received)) {
				// Its own acknowledgement may not have been read yet (another file, a restarted producer's message
				// with the same sequence number): matched to the earlier one it would be a duplicate that is not.
				continue;
			}
			else {
				delivered.computeIfAbsent(match, (ack) -> new ArrayList<>()).add(received);
			}
		}
		return new Deliveries(allAcks, delivered, unacked);
	}

	/**
	 * An acknowledgement logged more than {@link #CLOCK_SLACK} after a delivery: after a broker crash a producer's
	 * retries can be answered seconds after a consumer has read the record (5.5 s seen). Only from a process that was
	 * already running at the delivery, not a restarted producer's message with the same number.
	 */
	private static Acked delayedAcknowledgement(List<Acked> candidates, Received received,
			Map<String, Instant> processStarts) {
		for (Acked candidate : candidates) {
			if (candidate.time().isAfter(received.time().plus(CLOCK_SLACK))) {
				boolean running = !processStarts.get(process(candidate)).isAfter(received.time());
				boolean inTime = candidate.time().isBefore(received.time().plus(DELIVERY_TIMEOUT));
				return (running && inTime) ? candidate : null;
			}
		}
		return null;
	}

	private static String process(ServiceEvent event) {
		return event.replica() + "/" + event.pid();
	}

	private boolean mayPrecedeItsAcknowledgement(Received received) {
		return this.readThrough != null && received.time().isAfter(this.readThrough.minus(CLOCK_SLACK));
	}

	/**
	 * Sends that failed in the window. A failure is logged only once per run of failures, so the sequence numbers a
	 * process skipped between two acknowledgements count too (dated by the next acknowledgement).
	 */
	private long failedSends(FaultWindow window) {
		Map<String, Instant> failures = new HashMap<>();
		for (SendFailed failed : events(SendFailed.class)) {
			failures.merge(failed.replica() + "/" + failed.pid() + "#" + failed.sequence(), failed.time(),
					(a, b) -> a.isBefore(b) ? a : b);
		}
		Map<String, TreeMap<Long, Instant>> byProcess = new HashMap<>();
		for (Acked ack : events(Acked.class)) {
			byProcess.computeIfAbsent(ack.replica() + "/" + ack.pid(), (key) -> new TreeMap<>())
				.merge(ack.sequence(), ack.time(), (a, b) -> a.isBefore(b) ? a : b);
		}
		byProcess.forEach((process, acked) -> {
			Long previous = null;
			for (Map.Entry<Long, Instant> entry : acked.entrySet()) {
				if (previous != null) {
					for (long missing = previous + 1; missing < entry.getKey(); missing++) {
						failures.merge(process + "#" + missing, entry.getValue(), (a, b) -> a.isBefore(b) ? a : b);
					}
				}
				previous = entry.getKey();
			}
		});
		return failures.values().stream().filter(window::contains).count();
	}

	/** From the recovery instant until the last partition (of those written in the window) delivers again. */
	private static Duration recovery(FaultWindow window, Deliveries deliveries) {
		Map<String, Instant> firstAfter = new TreeMap<>();
		for (Acked ack : deliveries.acks()) {
			if (window.contains(ack.time())) {
				firstAfter.putIfAbsent(ack.topic() + "-" + ack.partition(), Instant.MAX);
			}
		}
		deliveries.delivered().forEach((ack, received) -> {
			String partition = ack.topic() + "-" + ack.partition();
			if (firstAfter.containsKey(partition)) {
				for (Received delivery : received) {
					if (!delivery.time().isBefore(window.recoveryFrom())) {
						firstAfter.merge(partition, delivery.time(), (a, b) -> a.isBefore(b) ? a : b);
					}
				}
			}
		});
		Instant last = firstAfter.values().stream().max(Comparator.naturalOrder()).orElse(Instant.MAX);
		return (last.equals(Instant.MAX) || last.isAfter(window.end())) ? null
				: Duration.between(window.recoveryFrom(), last);
	}

	/** The longest gap between two deliveries from one partition (or from the window's start to the first). */
	private static Duration longestPause(FaultWindow window, Deliveries deliveries) {
		Map<String, TreeSet<Instant>> times = new HashMap<>();
		for (Acked ack : deliveries.acks()) {
			// A partition written in the window but never delivered from paused for the whole window.
			if (window.contains(ack.time())) {
				times.computeIfAbsent(ack.topic() + "-" + ack.partition(), (key) -> new TreeSet<>());
			}
		}
		deliveries.delivered().forEach((ack, received) -> {
			for (Received delivery : received) {
				if (window.contains(delivery.time())) {
					times.computeIfAbsent(ack.topic() + "-" + ack.partition(), (key) -> new TreeSet<>())
						.add(delivery.time());
				}
			}
		});
		Duration longest = Duration.ZERO;
		for (TreeSet<Instant> partitionTimes : times.values()) {
			Instant previous = window.start();
			for (Instant time : partitionTimes) {
				Duration gap = Duration.between(previous, time);
				if (gap.compareTo(longest) > 0) {
					longest = gap;
				}
				previous = time;
			}
			if (partitionTimes.isEmpty()) {
				longest = Duration.between(window.start(), window.end());
			}
		}
		return longest;
	}

	private record Deliveries(List<Acked> acks, Map<Acked, List<Received>> delivered, List<Received> unacked) {

		List<Received> of(Acked ack) {
			return this.delivered.getOrDefault(ack, List.of());
		}

	}

}
