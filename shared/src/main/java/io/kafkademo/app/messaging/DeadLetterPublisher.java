package io.kafkademo.app.messaging;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BiFunction;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;

import org.springframework.kafka.KafkaException;
import org.springframework.kafka.core.KafkaOperations;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;

/**
 * spring-kafka's dead-letter publisher, except that a failed publication is thrown with its cause instead of being
 * logged with a stack trace. spring-kafka loses the cause when the send fails synchronously (for example
 * {@code TopicAuthorizationException} on a DLT without a write ACL), and {@link DeadLetterRecoverer} needs it for its
 * one-line report.
 */
class DeadLetterPublisher extends DeadLetterPublishingRecoverer {

	DeadLetterPublisher(KafkaOperations<Object, Object> template,
			BiFunction<ConsumerRecord<?, ?>, Exception, TopicPartition> destinationResolver) {
		super(template, destinationResolver);
	}

	@Override
	protected void publish(ProducerRecord<Object, Object> outRecord, KafkaOperations<Object, Object> template,
			ConsumerRecord<?, ?> inRecord) {
		try {
			template.send(outRecord).get(determineSendTimeout(template).toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new KafkaException("dead-letter publication failed", ex);
		}
		catch (ExecutionException | TimeoutException | RuntimeException ex) {
			throw new KafkaException("dead-letter publication failed", ex);
		}
	}

}
