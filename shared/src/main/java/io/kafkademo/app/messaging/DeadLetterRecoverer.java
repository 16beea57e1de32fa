package io.kafkademo.app.messaging;

import io.kafkademo.app.metrics.MessageMetrics;
import io.kafkademo.app.metrics.MessageMetrics.Stage;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.kafka.listener.ConsumerRecordRecoverer;

/**
 * Publishes a record that cannot be processed to {@code <topic>.DLT}. If the dead-letter topic is not writable the
 * record is logged and skipped: retrying it forever would block its partition.
 */
class DeadLetterRecoverer implements ConsumerRecordRecoverer {

	private static final Logger logger = LoggerFactory.getLogger(DeadLetterRecoverer.class);

	private final DeadLetterPublisher publisher;

	private final MessageMetrics metrics;

	DeadLetterRecoverer(DeadLetterPublisher publisher, MessageMetrics metrics) {
		this.publisher = publisher;
		this.metrics = metrics;
	}

	@Override
	public void accept(ConsumerRecord<?, ?> record, Exception exception) {
		this.metrics.failed(record.topic(), Stage.CONSUME);
		String where = record.topic() + "-" + record.partition() + "@" + record.offset();
		try {
			this.publisher.accept(record, exception);
			this.metrics.deadLettered(record.topic(), MessageMetrics.PUBLISHED);
			logger.warn("could not process record {} ({}); published it to {}{}", where,
					KafkaFailures.describe(exception), record.topic(), DeadLetterConfiguration.DEAD_LETTER_SUFFIX);
		}
		catch (RuntimeException ex) {
			this.metrics.deadLettered(record.topic(), MessageMetrics.DROPPED);
			logger.error("could not process record {} ({}) nor publish it to {}{} ({}); skipped it", where,
					KafkaFailures.describe(exception), record.topic(), DeadLetterConfiguration.DEAD_LETTER_SUFFIX,
					KafkaFailures.describe(ex));
		}
	}

}
