package io.kafkademo.reliability.accounting;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a service's log line means for message accounting: the stable message texts of {@code PingProducer},
 * {@code PongListener}, {@code DeadLetterRecoverer} and {@code ListenerState}. Every event knows the replica whose log
 * it came from, the process that wrote it and when.
 */
public sealed interface ServiceEvent {

	/** The replica ({@code HOSTNAME}) whose log the line came from. */
	String replica();

	/** The process that wrote the line: one replica has a new one after each restart. */
	long pid();

	/** When the line was logged. */
	Instant time();

	/** The event of {@code line}, read from {@code replica}'s log, if it is one that accounting needs. */
	static Optional<ServiceEvent> parse(String replica, String line) {
		return ServiceLogLine.parse(line).flatMap((parsed) -> Patterns.event(replica, parsed));
	}

	/** {@code wrote message N to T (partition: P, offset: O)}: the broker acknowledged message N. */
	record Acked(String replica, long pid, Instant time, long sequence, String topic, int partition, long offset)
			implements ServiceEvent {
	}

	/** {@code failed to send message N to T: reason}: logged for the first of a run of failures only. */
	record SendFailed(String replica, long pid, Instant time, long sequence, String topic) implements ServiceEvent {
	}

	/** {@code H received message: This is message N from host H2}: the consumer processed message N of H2. */
	record Received(String replica, long pid, Instant time, String producer, long sequence) implements ServiceEvent {
	}

	/** {@code could not process record T-P@O (...); published it to T.DLT}, or {@code ...; skipped it}. */
	record DeadLettered(String replica, long pid, Instant time, String topic, int partition, long offset,
			boolean published) implements ServiceEvent {
	}

	/** {@code H skipped a record with a null value (tombstone) at T-P@O}. */
	record Tombstone(String replica, long pid, Instant time, String topic, int partition, long offset)
			implements ServiceEvent {
	}

	/** {@code partitions assigned|revoked|lost: [..]; now owning [..]}. */
	record Rebalance(String replica, long pid, Instant time, Kind kind, List<String> partitions, List<String> owning)
			implements ServiceEvent {

		/** Whether partitions were added to or taken from the replica. */
		public enum Kind {

			ASSIGNED, REVOKED, LOST

		}

	}

	/** The regular expressions for the stable messages. */
	final class Patterns {

		private static final Pattern ACKED = Pattern
			.compile("^wrote message (\\d+) to (\\S+) \\(partition: (\\d+), offset: (\\d+)\\)$");

		private static final Pattern SEND_FAILED = Pattern.compile("^failed to send message (\\d+) to ([^\\s:]+)");

		private static final Pattern RECEIVED = Pattern.compile("^(\\S+) received message: (.*)$", Pattern.DOTALL);

		// The value may have been cut after 256 characters, or carry more text after the host (kafkajs's 1 MiB values).
		private static final Pattern PING = Pattern.compile("^This is message (\\d+) from host (\\S+)");

		private static final Pattern DEAD_LETTERED = Pattern
			.compile("^could not process record (\\S+)-(\\d+)@(\\d+) .*(; published it to \\S+|; skipped it)$",
					Pattern.DOTALL);

		private static final Pattern TOMBSTONE = Pattern
			.compile("^\\S+ skipped a record with a null value \\(tombstone\\) at (\\S+)-(\\d+)@(\\d+)$");

		private static final Pattern REBALANCE = Pattern
			.compile("^partitions (assigned|revoked|lost): \\[([^\\]]*)\\]; now owning \\[([^\\]]*)\\]$");

		private Patterns() {
		}

		static Optional<ServiceEvent> event(String replica, ServiceLogLine line) {
			String message = line.message();
			long pid = line.pid();
			Instant time = line.time();
			Matcher matcher = ACKED.matcher(message);
			if (matcher.matches()) {
				return Optional.of(new Acked(replica, pid, time, Long.parseLong(matcher.group(1)), matcher.group(2),
						Integer.parseInt(matcher.group(3)), Long.parseLong(matcher.group(4))));
			}
			matcher = RECEIVED.matcher(message);
			if (matcher.matches()) {
				Matcher ping = PING.matcher(matcher.group(2));
				// Other producers' records (no sequence) are consumed too, but cannot be accounted for.
				return ping.find() ? Optional.of(new Received(replica, pid, time, ping.group(2),
						Long.parseLong(ping.group(1)))) : Optional.empty();
			}
			matcher = SEND_FAILED.matcher(message);
			if (matcher.find()) {
				return Optional.of(new SendFailed(replica, pid, time, Long.parseLong(matcher.group(1)),
						matcher.group(2)));
			}
			matcher = DEAD_LETTERED.matcher(message);
			if (matcher.matches()) {
				return Optional.of(new DeadLettered(replica, pid, time, matcher.group(1),
						Integer.parseInt(matcher.group(2)), Long.parseLong(matcher.group(3)),
						matcher.group(4).startsWith("; published")));
			}
			matcher = TOMBSTONE.matcher(message);
			if (matcher.matches()) {
				return Optional.of(new Tombstone(replica, pid, time, matcher.group(1),
						Integer.parseInt(matcher.group(2)), Long.parseLong(matcher.group(3))));
			}
			matcher = REBALANCE.matcher(message);
			if (matcher.matches()) {
				return Optional.of(new Rebalance(replica, pid, time,
						Rebalance.Kind.valueOf(matcher.group(1).toUpperCase(Locale.ROOT)),
						list(matcher.group(2)), list(matcher.group(3))));
			}
			return Optional.empty();
		}

		private static List<String> list(String commaSeparated) {
			return Arrays.stream(commaSeparated.split(",")).map(String::strip).filter((name) -> !name.isEmpty())
				.toList();
		}

	}

}
