package io.kafkademo.app.messaging;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import io.kafkademo.app.metrics.MessageMetrics;
import io.kafkademo.app.metrics.MessageMetrics.Stage;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;

import org.springframework.context.SmartLifecycle;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;

/**
 * Sends {@code This is message N from host H} to {@code TOPIC1} every {@code MSG_FREQ}. A failed send is counted and
 * logged, and the loop keeps going. It starts after the listener and stops before it, so on shutdown nothing new is
 * produced while the consumer finishes.
 */
@Component
public class PingProducer implements SmartLifecycle {

	private static final Log logger = LogFactory.getLog(PingProducer.class);

	private final KafkaTemplate<Object, Object> template;

	private final MessagingProperties properties;

	private final MessageMetrics metrics;

	private final Clock clock;

	private final AtomicLong nextSequence = new AtomicLong();

	private final RepeatingFailureLog failures;

	private volatile ScheduledExecutorService executor;

	public PingProducer(KafkaTemplate<Object, Object> template, MessagingProperties properties,
			MessageMetrics metrics) {
		this.template = template;
		this.properties = properties;
		this.metrics = metrics;
		this.clock = Clock.systemUTC();
		this.failures = new RepeatingFailureLog(logger, Duration.ofSeconds(10), this.clock);
	}

	@Override
	public void start() {
		ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor((task) -> {
			Thread thread = new Thread(task, "ping-producer");
			thread.setDaemon(true);
			return thread;
		});
		long period = Math.max(this.properties.frequency().toNanos(), 1);
		scheduler.scheduleAtFixedRate(this::sendNext, 0, period, TimeUnit.NANOSECONDS);
		this.executor = scheduler;
		logger.info("producing to " + this.properties.produceTopic() + " every " + this.properties.frequency()
				+ " as " + this.properties.host());
	}

	void sendNext() {
		PingMessage message = new PingMessage(this.nextSequence.getAndIncrement(), this.properties.host(),
				this.clock.instant());
		String topic = this.properties.produceTopic();
		ProducerRecord<Object, Object> record = new ProducerRecord<>(topic, null, message.key(), message.text(),
				message.headers());
		try {
			this.template.send(record).whenComplete((result, failure) -> {
				if (failure == null) {
					acknowledged(message, result.getRecordMetadata());
				}
				else {
					failed(message, failure);
				}
			});
		}
		catch (RuntimeException ex) {
			failed(message, ex);
		}
	}

	private void acknowledged(PingMessage message, RecordMetadata metadata) {
		this.metrics.produced(metadata.topic());
		this.failures.succeeded("sending to " + metadata.topic() + " works again");
		if (logger.isInfoEnabled()) {
			logger.info("wrote message " + message.sequence() + " to " + metadata.topic() + " (partition: "
					+ metadata.partition() + ", offset: " + metadata.offset() + ")");
		}
	}

	private void failed(PingMessage message, Throwable failure) {
		this.metrics.failed(this.properties.produceTopic(), Stage.PRODUCE);
		this.failures.failed("failed to send message " + message.sequence() + " to " + this.properties.produceTopic(),
				KafkaFailures.describe(failure));
	}

	@Override
	public void stop() {
		ScheduledExecutorService scheduler = this.executor;
		if (scheduler == null) {
			return;
		}
		scheduler.shutdown();
		try {
			scheduler.awaitTermination(5, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		// Hand everything already accepted to the broker before the listener and the producer close.
		this.template.flush();
		this.executor = null;
		logger.info("stopped producing after " + this.nextSequence.get() + " messages");
	}

	@Override
	public boolean isRunning() {
		return this.executor != null;
	}

	@Override
	public int getPhase() {
		// Listener containers run in phase Integer.MAX_VALUE - 100: start after them, stop before them.
		return Integer.MAX_VALUE;
	}

}
