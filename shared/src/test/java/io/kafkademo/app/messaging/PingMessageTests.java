package io.kafkademo.app.messaging;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PingMessageTests {

	@Test
	void sendTimeSurvivesTheHeadersToTheMicrosecond() {
		Instant sentAt = Instant.parse("2026-11-29T14:05:06.789012345Z");
		PingMessage message = new PingMessage(42, "host-a", sentAt);
		assertThat(message.headers().lastHeader(PingMessage.SENT_AT_HEADER).value())
			.asString(StandardCharsets.US_ASCII)
			.isEqualTo("1795961106789.012");
		assertThat(PingMessage.sentAt(message.headers())).isEqualTo(Instant.parse("2026-11-29T14:05:06.789012Z"));
		assertThat(PingMessage.sentAt(new PingMessage(1, "h", Instant.EPOCH).headers())).isEqualTo(Instant.EPOCH);
	}

	@Test
	void hostAndSequenceAreInTheTextAndTheKeyAndNotRepeatedInHeaders() {
		PingMessage message = new PingMessage(42, "host-a", Instant.EPOCH);
		assertThat(message.text()).isEqualTo("This is message 42 from host host-a");
		assertThat(message.key()).isEqualTo("42");
		assertThat(message.headers().toArray()).extracting(Header::key).containsExactly(PingMessage.SENT_AT_HEADER);
	}

	@Test
	void wholeMillisecondsAndFractionsOfUpToSixDigitsAreRead() {
		assertThat(PingMessage.sentAt(withSentAt("1795961106789"))).isEqualTo(Instant.ofEpochMilli(1795961106789L));
		assertThat(PingMessage.sentAt(withSentAt("1.5"))).isEqualTo(Instant.EPOCH.plusNanos(1_500_000));
		assertThat(PingMessage.sentAt(withSentAt("1795961106789.000001")))
			.isEqualTo(Instant.parse("2026-11-29T14:05:06.789000001Z"));
	}

	@Test
	void lastSendTimeHeaderWins() {
		RecordHeaders headers = withSentAt("1");
		headers.add(PingMessage.SENT_AT_HEADER, ascii("1795960000000"));
		assertThat(PingMessage.sentAt(headers)).isEqualTo(Instant.ofEpochMilli(1795960000000L));
	}

	@Test
	void epochAndLongestAcceptedValueAreRead() {
		assertThat(PingMessage.sentAt(withSentAt("0"))).isEqualTo(Instant.EPOCH);
		assertThat(PingMessage.sentAt(withSentAt("999999999999999999")))
			.isEqualTo(Instant.ofEpochMilli(999_999_999_999_999_999L));
	}

	@Test
	void missingOrMalformedSendTimeIsNull() {
		assertThat(PingMessage.sentAt(new RecordHeaders())).isNull();
		RecordHeaders nullValue = new RecordHeaders();
		nullValue.add(PingMessage.SENT_AT_HEADER, null);
		assertThat(PingMessage.sentAt(nullValue)).isNull();
		for (String malformed : new String[] { "", "-5", "+5", "12a4", " 17", "1795960000000 ", "1.", ".5", "1.5.5",
				"1.-5", "1. 5", "1.1234567", "1000000000000000000", "1000000000000000000.5" }) {
			assertThat(PingMessage.sentAt(withSentAt(malformed))).as("'%s'", malformed).isNull();
		}
		RecordHeaders notAscii = new RecordHeaders();
		notAscii.add(PingMessage.SENT_AT_HEADER, new byte[] { '1', (byte) 0xC3, (byte) 0xA9 });
		assertThat(PingMessage.sentAt(notAscii)).isNull();
	}

	private static RecordHeaders withSentAt(String value) {
		RecordHeaders headers = new RecordHeaders();
		headers.add(PingMessage.SENT_AT_HEADER, ascii(value));
		return headers;
	}

	private static byte[] ascii(String value) {
		return value.getBytes(StandardCharsets.US_ASCII);
	}

}
