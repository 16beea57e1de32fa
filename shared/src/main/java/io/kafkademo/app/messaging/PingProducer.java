package io.kafkademo.app.messaging;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import io.kafkademo.app.metrics.MessageMetrics;
import io.kafkademo.app.metrics.MessageMetrics.Stage;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;

/**
 * Sends {@code This is message N from host H} to {@code TOPIC1} every {@code MSG_FREQ}. A failed send is counted and
 * logged, and the loop keeps going. It starts after the listener and stops before it, so on shutdown nothing new is
 * produced while the consumer finishes.
 * <p>
 * {@code MSG_FREQ=0} is load mode: one thread sends as fast as the producer accepts, with at most
 * {@link #MAX_IN_FLIGHT} sends not yet acknowledged. The bound keeps memory flat and {@code send()} from blocking on a
 * full buffer when the broker is slower than the loop; the Kafka producer still batches as it does at any rate.
 */
@Component
public class PingProducer implements SmartLifecycle {

	/**
	 * Load mode's bound on sends not yet acknowledged. Each one keeps its futures and callbacks alive, and every young
	 * collection copies them all: with 16,384 the load-mode producer spent 1.9-3.5 s of an ~18 s run in collection
	 * pauses at WARN and ~7 s at INFO, with 4,096 1.1-1.2 s and 2.1-2.3 s, and carried ~1.4 times as many records at
	 * WARN and ~1.6 times at INFO; 2,048 was slower again (bench/BENCHMARK.md, "The in-flight round"). The rate can
	 * be at most this many sends per acknowledgement round trip: ~400,000/s at 10 ms.
	 */
	static final int MAX_IN_FLIGHT = 4096;

	/** Pause after a failed send in load mode, so a rejecting broker is not hammered by a tight loop. */
	private static final Duration LOAD_MODE_FAILURE_PAUSE = Duration.ofMillis(100);

	private static final Logger logger = LoggerFactory.getLogger(PingProducer.class);

	private final KafkaTemplate<Object, Object> template;

	private final MessagingProperties properties;

	private final MessageMetrics metrics;

	private final Clock clock;

	private final AtomicLong nextSequence = new AtomicLong();

	private final RepeatingFailureLog failures;

	private final String recoveredMessage;

	private final Semaphore inFlight = new Semaphore(MAX_IN_FLIGHT);

	private volatile boolean failing;

	private volatile boolean stopping;

	private volatile ScheduledExecutorService executor;

	public PingProducer(KafkaTemplate<Object, Object> template, MessagingProperties properties,
			MessageMetrics metrics) {
		this.template = template;
		this.properties = properties;
		this.metrics = metrics;
		this.clock = Clock.systemUTC();
		this.failures = new RepeatingFailureLog(logger, Duration.ofSeconds(10), this.clock);
		this.recoveredMessage = "sending to " + properties.produceTopic() + " works again";
	}

	@Override
	public void start() {
		ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor((task) -> {
			Thread thread = new Thread(task, "ping-producer");
			thread.setDaemon(true);
			return thread;
		});
		this.stopping = false;
		if (loadMode()) {
			scheduler.execute(this::sendAsFastAsAccepted);
			logger.info("producing to {} as fast as the producer accepts (at most {} unacknowledged) as {}",
					this.properties.produceTopic(), MAX_IN_FLIGHT, this.properties.host());
		}
		else {
			scheduler.scheduleAtFixedRate(this::sendNext, 0, this.properties.frequency().toNanos(),
					TimeUnit.NANOSECONDS);
			logger.info("producing to {} every {} as {}", this.properties.produceTopic(), this.properties.frequency(),
					this.properties.host());
		}
		this.executor = scheduler;
	}

	private boolean loadMode() {
		return this.properties.frequency().isZero();
	}

	private void sendAsFastAsAccepted() {
		try {
			while (!this.stopping) {
				if (this.failing) {
					Thread.sleep(LOAD_MODE_FAILURE_PAUSE.toMillis());
				}
				// Timed, so that stop() is noticed without interrupting a send in progress.
				if (this.inFlight.tryAcquire(100, TimeUnit.MILLISECONDS)) {
					send(this.inFlight);
				}
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	void sendNext() {
		send(null);
	}

	private void send(Semaphore permit) {
		PingMessage message = new PingMessage(this.nextSequence.getAndIncrement(), this.properties.host(),
				this.clock.instant());
		ProducerRecord<Object, Object> record = new ProducerRecord<>(this.properties.produceTopic(), null,
				message.key(), message.text(), message.headers());
		try {
			this.template.send(record).whenComplete((result, failure) -> {
				if (permit != null) {
					permit.release();
				}
				if (failure == null) {
					acknowledged(message, result.getRecordMetadata());
				}
				else {
					failed(message, failure);
				}
			});
		}
		catch (RuntimeException ex) {
			if (permit != null) {
				permit.release();
			}
			failed(message, ex);
		}
	}

	private void acknowledged(PingMessage message, RecordMetadata metadata) {
		this.metrics.produced(metadata.topic());
		// Read before written: at full load this runs per acknowledgement, and only a recovery needs the write and
		// the failure log's lock.
		if (this.failing) {
			this.failing = false;
			this.failures.succeeded(this.recoveredMessage);
		}
		// Guarded: at WARN, a load-mode producer would otherwise box three numbers per acknowledgement for nothing.
		if (logger.isInfoEnabled()) {
			logger.info("wrote message {} to {} (partition: {}, offset: {})", message.sequence(), metadata.topic(),
					metadata.partition(), metadata.offset());
		}
	}

	private void failed(PingMessage message, Throwable failure) {
		this.metrics.failed(this.properties.produceTopic(), Stage.PRODUCE);
		this.failures.failed("failed to send message " + message.sequence() + " to " + this.properties.produceTopic(),
				KafkaFailures.describe(failure));
		// Set after the failure is recorded, so that an acknowledgement in between cannot clear the flag and leave
		// the recovery unreported.
		this.failing = true;
	}

	@Override
	public void stop() {
		ScheduledExecutorService scheduler = this.executor;
		if (scheduler == null) {
			return;
		}
		this.stopping = true;
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
		logger.info("stopped producing after {} messages", this.nextSequence.get());
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
