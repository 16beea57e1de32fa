package io.kafkademo.app.logging;

import java.time.Instant;

/**
 * Writes an event's instant exactly as {@link Instant#toString()} does, with the date and time of day rendered once
 * per second. {@code Instant.toString()} runs the JDK's general date-time formatter for every line, which was a sixth
 * of the log worker's time with the per-message JSON lines.
 */
final class EcsTimestampWriter {

	private static final int NANOS_PER_MILLI = 1_000_000;

	private static final int NANOS_PER_MICRO = 1_000;

	/** The last second written, as {@code Instant.toString()} writes it without the zone; immutable, so safe to share. */
	private Second last = new Second(Long.MIN_VALUE, "");

	/** Appends the instant, unquoted: its characters need no escaping in JSON. */
	void append(StringBuilder out, Instant instant) {
		long epochSecond = instant.getEpochSecond();
		Second second = this.last;
		if (second.epochSecond() != epochSecond) {
			String whole = Instant.ofEpochSecond(epochSecond).toString();
			second = new Second(epochSecond, whole.substring(0, whole.length() - 1));
			this.last = second;
		}
		out.append(second.dateAndTime());
		appendFraction(out, instant.getNano());
		out.append('Z');
	}

	/**
	 * As ISO-8601 instants are printed by the JDK: no fraction for a whole second, else 3, 6 or 9 digits. Written from
	 * the last digit back, dividing by constants only: a division by a varying divisor per digit was most of the cost.
	 */
	private static void appendFraction(StringBuilder out, int nanos) {
		if (nanos == 0) {
			return;
		}
		int digits;
		int value;
		if (nanos % NANOS_PER_MILLI == 0) {
			digits = 3;
			value = nanos / NANOS_PER_MILLI;
		}
		else if (nanos % NANOS_PER_MICRO == 0) {
			digits = 6;
			value = nanos / NANOS_PER_MICRO;
		}
		else {
			digits = 9;
			value = nanos;
		}
		out.append('.');
		int end = out.length() + digits;
		out.setLength(end);
		for (int i = end - 1; i >= end - digits; i--) {
			out.setCharAt(i, (char) ('0' + value % 10));
			value /= 10;
		}
	}

	private record Second(long epochSecond, String dateAndTime) {
	}

}
