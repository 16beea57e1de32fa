package io.kafkademo.app.messaging;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.kafkademo.app.metrics.MessageMetrics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;

import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.kafka.support.serializer.ErrorHandlingDeserializer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class PongListenerTests {

	private static final String TOPIC = "bar-topic";

	private static final MessagingProperties PROPERTIES = new MessagingProperties("foo-topic", TOPIC,
			"consumer-group-A", "60", "host-a", "false", "classic");

	private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

	private final PongListener listener = new PongListener(PROPERTIES, new MessageMetrics(this.registry, PROPERTIES));

	@Test
	void shortValuesAreLoggedWhole() {
		assertThat(PongListener.shorten("This is message 1 from host a")).isEqualTo("This is message 1 from host a");
	}

	@Test
	void longValuesAreCutAndTheirLengthStated() {
		assertThat(PongListener.shorten("y".repeat(300)))
			.isEqualTo("y".repeat(PongListener.MAX_LOGGED_CHARS) + "... [cut, 300 chars in total]");
	}

	@Test
	void countsEveryRecordOfAPollAndTimesThoseWithASendTime() {
		this.listener.onMessages(List.of(ping(0), ping(1), record(2, null, new RecordHeaders()),
				record(3, "from a foreign producer", new RecordHeaders())));

		assertThat(consumed()).isEqualTo(4);
		assertThat(this.registry.get("kafka.demo.end.to.end.latency").tag("topic", TOPIC).timer().count())
			.isEqualTo(2);
		assertThat(this.registry.get("kafka.demo.messages.skipped").tag("reason", "tombstone").counter().count())
			.isEqualTo(1);
	}

	@Test
	void countsOnlyTheRecordsBeforeAnUndecodableOne() {
		ConsumerRecord<byte[], String> undecodable = undecodable(2);

		assertThatExceptionOfType(BatchListenerFailedException.class)
			.isThrownBy(() -> this.listener.onMessages(List.of(ping(0), ping(1), undecodable, ping(3))))
			.satisfies((ex) -> assertThat(ex.getRecord()).isSameAs(undecodable));
		assertThat(consumed()).as("records processed before the undecodable one").isEqualTo(2);
	}

	private double consumed() {
		return this.registry.get("kafka.demo.messages.consumed").tag("topic", TOPIC).counter().count();
	}

	private static ConsumerRecord<byte[], String> ping(long offset) {
		PingMessage message = new PingMessage(offset, "host-b", Instant.now());
		return record(offset, message.text(), message.headers());
	}

	/** A record as ErrorHandlingDeserializer hands over malformed UTF-8: no value, the failure in a header. */
	private static ConsumerRecord<byte[], String> undecodable(long offset) {
		Headers headers = new RecordHeaders();
		try (ErrorHandlingDeserializer<String> deserializer = new ErrorHandlingDeserializer<>()) {
			deserializer.configure(Map.of(ErrorHandlingDeserializer.VALUE_DESERIALIZER_CLASS,
					StrictUtf8Deserializer.class.getName()), false);
			assertThat(deserializer.deserialize(TOPIC, headers, new byte[] { 'o', 'k', (byte) 0xFF })).isNull();
		}
		return record(offset, null, headers);
	}

	private static ConsumerRecord<byte[], String> record(long offset, String value, Headers headers) {
		int size = (value != null) ? value.getBytes(StandardCharsets.UTF_8).length : -1;
		return new ConsumerRecord<>(TOPIC, 0, offset, System.currentTimeMillis(), TimestampType.CREATE_TIME, 0, size,
				null, value, headers, Optional.empty());
	}

}
