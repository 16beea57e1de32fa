package io.kafkademo.app.messaging;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

/** One ping-pong message: its text, as the original Go service wrote it, and the headers our services add. */
record PingMessage(long sequence, String host, Instant sentAt) {

	/** Header naming the producing host. */
	static final String HOST_HEADER = "kafka-demo-host";

	/** Header carrying the producer's sequence number (decimal). */
	static final String SEQUENCE_HEADER = "kafka-demo-sequence";

	/** Header carrying the send time in epoch milliseconds (decimal), for the end-to-end latency. */
	static final String SENT_AT_HEADER = "kafka-demo-sent-at";

	String text() {
		return "This is message " + this.sequence + " from host " + this.host;
	}

	String key() {
		return Long.toString(this.sequence);
	}

	Headers headers() {
		RecordHeaders headers = new RecordHeaders();
		headers.add(HOST_HEADER, utf8(this.host));
		headers.add(SEQUENCE_HEADER, utf8(Long.toString(this.sequence)));
		headers.add(SENT_AT_HEADER, utf8(Long.toString(this.sentAt.toEpochMilli())));
		return headers;
	}

	/** The send time from a record's headers, or {@code null} when it is missing or malformed (foreign producers). */
	static Instant sentAt(Headers headers) {
		Header header = headers.lastHeader(SENT_AT_HEADER);
		long millis = (header != null) ? epochMillis(header.value()) : -1;
		return (millis >= 0) ? Instant.ofEpochMilli(millis) : null;
	}

	/**
	 * The unsigned decimal in {@code digits}, or -1 if it is not one. Read from the bytes, because this runs for every
	 * record and a String per record was a measurable part of the listener's time.
	 */
	private static long epochMillis(byte[] digits) {
		// 18 digits cannot overflow a long; epoch milliseconds have 13.
		if (digits == null || digits.length == 0 || digits.length > 18) {
			return -1;
		}
		long value = 0;
		for (byte digit : digits) {
			if (digit < '0' || digit > '9') {
				return -1;
			}
			value = value * 10 + (digit - '0');
		}
		return value;
	}

	private static byte[] utf8(String value) {
		return value.getBytes(StandardCharsets.UTF_8);
	}

}
