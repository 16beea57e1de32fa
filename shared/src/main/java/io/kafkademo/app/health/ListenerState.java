package io.kafkademo.app.health;

import java.util.Collection;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentSkipListSet;

import io.kafkademo.app.messaging.KafkaFailures;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;

import org.springframework.context.event.EventListener;
import org.springframework.kafka.event.ConsumerRetryAuthEvent;
import org.springframework.kafka.event.ConsumerRetryAuthSuccessfulEvent;
import org.springframework.kafka.event.ConsumerStartedEvent;
import org.springframework.kafka.event.ConsumerStoppedEvent;
import org.springframework.kafka.listener.ConsumerAwareRebalanceListener;
import org.springframework.stereotype.Component;

import io.kafkademo.app.security.ScramCredentialsProvider;

/**
 * What the listener's consumer is doing: running or not, the partitions it owns, and whether the broker currently
 * rejects it. Spring Boot registers this as the container factory's rebalance listener.
 */
@Component
public class ListenerState implements ConsumerAwareRebalanceListener {

	private static final Log logger = LogFactory.getLog(ListenerState.class);

	private final Set<TopicPartition> owned = new ConcurrentSkipListSet<>(
			(a, b) -> (a.topic() + a.partition()).compareTo(b.topic() + b.partition()));

	private final ScramCredentialsProvider credentials;

	private volatile boolean running;

	private volatile String rejection;

	public ListenerState(MeterRegistry registry, ScramCredentialsProvider credentials) {
		this.credentials = credentials;
		Gauge.builder("kafka.demo.partitions.assigned", this.owned, Set::size)
			.description("Partitions currently assigned to this replica's listener")
			.register(registry);
	}

	@Override
	public void onPartitionsAssigned(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
		this.owned.addAll(partitions);
		logger.info("partitions assigned: " + names(partitions) + "; now owning " + names(this.owned));
	}

	@Override
	public void onPartitionsRevokedAfterCommit(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
		this.owned.removeAll(partitions);
		logger.info("partitions revoked: " + names(partitions) + "; now owning " + names(this.owned));
	}

	@Override
	public void onPartitionsLost(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
		this.owned.removeAll(partitions);
		logger.warn("partitions lost: " + names(partitions) + "; now owning " + names(this.owned));
	}

	@EventListener
	void started(ConsumerStartedEvent event) {
		this.running = true;
	}

	@EventListener
	void stopped(ConsumerStoppedEvent event) {
		this.running = false;
		this.owned.clear();
	}

	@EventListener
	void rejected(ConsumerRetryAuthEvent event) {
		this.rejection = event.getReason().name().toLowerCase() + " failed";
		if (event.getReason() == ConsumerRetryAuthEvent.Reason.AUTHENTICATION) {
			this.credentials.authenticationFailed();
		}
	}

	@EventListener
	void accepted(ConsumerRetryAuthSuccessfulEvent event) {
		if (this.rejection != null) {
			logger.info("the broker accepts the listener's consumer again");
		}
		this.rejection = null;
	}

	/** Whether the consumer thread is running. */
	public boolean running() {
		return this.running;
	}

	/** Why the broker rejects the consumer, or {@code null}. */
	public String rejection() {
		return this.rejection;
	}

	/** The partitions owned now, sorted. */
	public Set<String> ownedPartitions() {
		return names(this.owned);
	}

	private static Set<String> names(Collection<TopicPartition> partitions) {
		Set<String> names = new TreeSet<>();
		partitions.forEach((partition) -> names.add(partition.toString()));
		return names;
	}

}
