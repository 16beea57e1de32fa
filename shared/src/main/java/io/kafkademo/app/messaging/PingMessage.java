package io.kafkademo.app.messaging;

import java.time.Instant;

import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * One ping-pong message: its text, as the original Go service wrote it, its key (the sequence) and its one header, the
 * send time. The host and the sequence are not repeated in headers: they are in the text and the key already, and the
 * two headers that repeated them made each record half as large again (~150 bytes in a batch instead of ~95) and cost
 * the load-mode producer a third of its rate.
 */
record PingMessage(long sequence, String host, Instant sentAt) {

	/**
	 * Header carrying the send time in epoch milliseconds with a three-digit fraction (microseconds), e.g.
	 * {@code 1795960000123.456}, for the end-to-end latency. Whole milliseconds are read too (earlier versions,
	 * other producers).
	 */
	static final String SENT_AT_HEADER = "kafka-demo-sent-at";

	private static final int NANOS_PER_MILLI = 1_000_000;

	String text() {
		return "This is message " + this.sequence + " from host " + this.host;
	}

	String key() {
		return Long.toString(this.sequence);
	}

	Headers headers() {
		return new RecordHeaders(new Header[] { new RecordHeader(SENT_AT_HEADER, epochMillisWithMicros(this.sentAt)) });
	}

	/**
	 * Whole milliseconds would make every latency 0-1 ms longer than it was (the send time truncated, the receive time
	 * not): at a p50 of ~1 ms that is half the figure.
	 */
	private static byte[] epochMillisWithMicros(Instant instant) {
		long micros = (instant.getNano() % NANOS_PER_MILLI) / 1000;
		String millis = Long.toString(instant.toEpochMilli());
		byte[] value = new byte[millis.length() + 4];
		for (int i = 0; i < millis.length(); i++) {
			value[i] = (byte) millis.charAt(i);
		}
		value[millis.length()] = '.';
		value[millis.length() + 1] = (byte) ('0' + micros / 100);
		value[millis.length() + 2] = (byte) ('0' + micros / 10 % 10);
		value[millis.length() + 3] = (byte) ('0' + micros % 10);
		return value;
	}

	/** The send time from a record's headers, or {@code null} when it is missing or malformed (foreign producers). */
	static Instant sentAt(Headers headers) {
		Header header = headers.lastHeader(SENT_AT_HEADER);
		return (header != null) ? epochMillis(header.value()) : null;
	}

	/**
	 * The unsigned decimal in {@code digits}, in milliseconds with an optional fraction of up to six digits, or
	 * {@code null} if it is not one. Read from the bytes, because this runs for every record and a String per record
	 * was a measurable part of the listener's time.
	 */
	private static Instant epochMillis(byte[] digits) {
		if (digits == null) {
			return null;
		}
		int point = indexOf(digits, (byte) '.');
		int wholeDigits = (point >= 0) ? point : digits.length;
		int fractionDigits = (point >= 0) ? digits.length - point - 1 : 0;
		// 18 digits cannot overflow a long; epoch milliseconds have 13.
		if (wholeDigits == 0 || wholeDigits > 18 || (point >= 0 && (fractionDigits == 0 || fractionDigits > 6))) {
			return null;
		}
		long millis = decimal(digits, 0, wholeDigits);
		long fraction = (point >= 0) ? decimal(digits, point + 1, digits.length) : 0;
		if (millis < 0 || fraction < 0) {
			return null;
		}
		for (int i = fractionDigits; i < 6; i++) {
			fraction *= 10;
		}
		return Instant.ofEpochSecond(millis / 1000, (millis % 1000) * NANOS_PER_MILLI + fraction);
	}

	/** The unsigned decimal in {@code digits[from, to)}, or -1 if a byte is not a digit. */
	private static long decimal(byte[] digits, int from, int to) {
		long value = 0;
		for (int i = from; i < to; i++) {
			byte digit = digits[i];
			if (digit < '0' || digit > '9') {
				return -1;
			}
			value = value * 10 + (digit - '0');
		}
		return value;
	}

	private static int indexOf(byte[] bytes, byte wanted) {
		for (int i = 0; i < bytes.length; i++) {
			if (bytes[i] == wanted) {
				return i;
			}
		}
		return -1;
	}

}
