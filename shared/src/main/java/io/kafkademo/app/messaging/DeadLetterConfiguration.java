package io.kafkademo.app.messaging;

import java.time.Duration;

import io.kafkademo.app.metrics.MessageMetrics;
import org.apache.kafka.common.TopicPartition;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.KafkaException;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.CommonErrorHandler;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.util.backoff.FixedBackOff;

/** The listener's error handling: a couple of quick retries, then the dead-letter topic. */
@Configuration(proxyBeanMethods = false)
class DeadLetterConfiguration {

	/** Appended to a topic's name to name its dead-letter topic. */
	static final String DEAD_LETTER_SUFFIX = ".DLT";

	@Bean
	CommonErrorHandler deadLetterErrorHandler(KafkaTemplate<Object, Object> template, MessageMetrics metrics) {
		// spring-kafka 4 defaults to "<topic>-dlt"; ".DLT" is the name our ACLs, alerts and dashboard use.
		// Partition -1 lets the producer choose: the DLT need not have as many partitions as the source.
		DeadLetterPublisher publisher = new DeadLetterPublisher(template,
				(record, exception) -> new TopicPartition(record.topic() + DEAD_LETTER_SUFFIX, -1));
		publisher.setWaitForSendResultTimeout(Duration.ofSeconds(10));
		// We log each dead-lettered record ourselves, in one line.
		publisher.setLogRecoveryRecord(false);
		DefaultErrorHandler handler = new DefaultErrorHandler(new DeadLetterRecoverer(publisher, metrics),
				new FixedBackOff(500, 2));
		// Undecodable input (DeserializationException) is not retryable by default: it goes straight to the DLT.
		handler.setCommitRecovered(true);
		// After dead-lettering a record in the middle of a batch the handler throws to have the rest redelivered, and
		// the container would log that with a stack trace at ERROR; DeadLetterRecoverer has already said what
		// happened, in one line.
		handler.setLogLevel(KafkaException.Level.DEBUG);
		return handler;
	}

}
