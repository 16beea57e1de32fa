package io.kafkademo.app.messaging;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import io.kafkademo.app.metrics.MessageMetrics;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.core.log.LogAccessor;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.kafka.support.serializer.DeserializationException;
import org.springframework.kafka.support.serializer.SerializationUtils;
import org.springframework.stereotype.Component;

/**
 * Consumes {@code TOPIC2} in {@code GROUP} and logs {@code H received message: <value>} as the original Go service did.
 * Records from any producer are ordinary messages; only the latency needs our timestamp header.
 */
@Component
public class PongListener {

	/** Longest value shown in a log line; longer ones are cut and their length stated. */
	static final int MAX_LOGGED_CHARS = 256;

	private static final Logger logger = LoggerFactory.getLogger(PongListener.class);

	/** A logger of the same name, in the form spring-kafka's header decoding reports through. */
	private static final LogAccessor logAccessor = new LogAccessor(PongListener.class);

	private final MessagingProperties properties;

	private final MessageMetrics metrics;

	public PongListener(MessagingProperties properties, MessageMetrics metrics) {
		this.properties = properties;
		this.metrics = metrics;
	}

	/** The topic the listener subscribes to, read by the {@code @KafkaListener} expression. */
	public String getTopic() {
		return this.properties.consumeTopic();
	}

	/** The consumer group, read by the {@code @KafkaListener} expression. */
	public String getGroup() {
		return this.properties.group();
	}

	/**
	 * One call per poll rather than per record: spring-kafka's per-record dispatch (adapter, invocation, its listener
	 * timer, offset bookkeeping) was about a sixth of the listener thread at full rate. A failure names its record,
	 * so the error handler commits the records before it, retries or dead-letters it, and redelivers the rest: none
	 * is processed twice. The clock is read and the consumed counter updated once per poll: the records of a poll
	 * reach the listener together, and one clock read per record was a measurable share of its time at full rate.
	 */
	@KafkaListener(id = "pong-listener", topics = "#{__listener.topic}", groupId = "#{__listener.group}",
			batch = "true")
	void onMessages(List<ConsumerRecord<byte[], String>> records) {
		Instant received = Instant.now();
		int processed = 0;
		try {
			for (ConsumerRecord<byte[], String> record : records) {
				try {
					onMessage(record, received);
				}
				catch (RuntimeException ex) {
					throw new BatchListenerFailedException("record not processed", ex, record);
				}
				processed++;
			}
		}
		finally {
			if (processed > 0) {
				this.metrics.consumed(getTopic(), processed);
			}
		}
	}

	private void onMessage(ConsumerRecord<byte[], String> record, Instant received) {
		String value = record.value();
		if (value == null) {
			throwIfUndecodable(record);
			this.metrics.skipped(record.topic(), "tombstone");
			if (logger.isInfoEnabled()) {
				logger.info("{} skipped a record with a null value (tombstone) at {}-{}@{}", this.properties.host(),
						record.topic(), record.partition(), record.offset());
			}
			return;
		}
		Instant sentAt = PingMessage.sentAt(record.headers());
		if (sentAt != null) {
			this.metrics.latency(record.topic(), Duration.between(sentAt, received));
		}
		if (logger.isInfoEnabled()) {
			logger.info("{} received message: {}", this.properties.host(), shorten(value));
		}
	}

	/**
	 * A batch listener sees what ErrorHandlingDeserializer made of undecodable input: a null value and the failure in
	 * a header, which a record listener's adapter would have thrown for us.
	 */
	private static void throwIfUndecodable(ConsumerRecord<byte[], String> record) {
		DeserializationException undecodable = SerializationUtils.getExceptionFromHeader(record,
				SerializationUtils.VALUE_DESERIALIZER_EXCEPTION_HEADER, logAccessor);
		if (undecodable != null) {
			throw undecodable;
		}
	}

	static String shorten(String value) {
		if (value.length() <= MAX_LOGGED_CHARS) {
			return value;
		}
		return value.substring(0, MAX_LOGGED_CHARS) + "... [cut, " + value.length() + " chars in total]";
	}

}
