package io.kafkademo.app.messaging;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.support.ProducerListener;

/** Who logs a failed send. */
@Configuration(proxyBeanMethods = false)
class SendFailureLogging {

	/**
	 * Replaces Boot's {@code LoggingProducerListener}, which logs every failed send with a stack trace. Each caller
	 * of the template reports its own failures in one line ({@link PingProducer} once per run of failures,
	 * {@link DeadLetterRecoverer} once per record), so during an outage the log stays readable.
	 */
	@Bean
	ProducerListener<Object, Object> kafkaProducerListener() {
		return new ProducerListener<>() {
		};
	}

}
