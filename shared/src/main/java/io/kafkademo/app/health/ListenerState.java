package io.kafkademo.app.health;

import java.util.Collection;
import java.util.Comparator;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListSet;

import io.kafkademo.app.messaging.KafkaFailures;
import io.kafkademo.app.security.ScramCredentialsProvider;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.event.EventListener;
import org.springframework.kafka.event.ConsumerRetryAuthEvent;
import org.springframework.kafka.event.ConsumerRetryAuthSuccessfulEvent;
import org.springframework.kafka.event.ConsumerStartedEvent;
import org.springframework.kafka.event.ConsumerStoppedEvent;
import org.springframework.kafka.event.KafkaEvent;
import org.springframework.kafka.listener.AbstractMessageListenerContainer;
import org.springframework.kafka.listener.ConsumerAwareRebalanceListener;
import org.springframework.stereotype.Component;

/**
 * What the listener's consumers are doing: running or not, the partitions they own, and whether the broker currently
 * rejects one. The chart runs one consumer per replica; with {@code spring.kafka.listener.concurrency} above 1 each
 * consumer is tracked on its own, so one consumer stopping does not hide what the others own. Spring Boot registers
 * this as the container factory's rebalance listener.
 */
@Component
public class ListenerState implements ConsumerAwareRebalanceListener {

	private static final Logger logger = LoggerFactory.getLogger(ListenerState.class);

	private final Set<TopicPartition> owned = new ConcurrentSkipListSet<>(
			Comparator.comparing(TopicPartition::topic).thenComparingInt(TopicPartition::partition));

	/**
	 * Each consumer's container name ({@code pong-listener-0}, ...) and whether it runs: a name, not the container,
	 * because a restarted listener container creates new child containers under the same names.
	 */
	private final Map<String, Boolean> consumers = new ConcurrentHashMap<>();

	/** Why the broker rejects a consumer, by container name. */
	private final Map<String, String> rejections = new ConcurrentHashMap<>();

	private final ScramCredentialsProvider credentials;

	public ListenerState(MeterRegistry registry, ScramCredentialsProvider credentials) {
		this.credentials = credentials;
		Gauge.builder("kafka.demo.partitions.assigned", this.owned, Set::size)
			.description("Partitions currently assigned to this replica's listener")
			.register(registry);
	}

	@Override
	public void onPartitionsAssigned(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
		this.owned.addAll(partitions);
		logger.info("partitions assigned: {}; now owning {}", names(partitions), names(this.owned));
	}

	@Override
	public void onPartitionsRevokedAfterCommit(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
		this.owned.removeAll(partitions);
		logger.info("partitions revoked: {}; now owning {}", names(partitions), names(this.owned));
	}

	@Override
	public void onPartitionsLost(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
		this.owned.removeAll(partitions);
		logger.warn("partitions lost: {}; now owning {}", names(partitions), names(this.owned));
	}

	@EventListener
	void started(ConsumerStartedEvent event) {
		this.consumers.put(consumerName(event), true);
	}

	@EventListener
	void stopped(ConsumerStoppedEvent event) {
		String consumer = consumerName(event);
		this.consumers.put(consumer, false);
		this.rejections.remove(consumer);
		// A closing consumer normally gives its partitions back through the rebalance callbacks; once none runs,
		// nothing is owned even if a close could not say goodbye to the group. While others run, what they own stays.
		if (!this.consumers.containsValue(true)) {
			this.owned.clear();
		}
	}

	@EventListener
	void rejected(ConsumerRetryAuthEvent event) {
		this.rejections.put(consumerName(event), event.getReason().name().toLowerCase() + " failed");
		if (event.getReason() == ConsumerRetryAuthEvent.Reason.AUTHENTICATION) {
			this.credentials.authenticationFailed();
		}
	}

	@EventListener
	void accepted(ConsumerRetryAuthSuccessfulEvent event) {
		if (this.rejections.remove(consumerName(event)) != null) {
			logger.info("the broker accepts the listener's consumer again");
		}
	}

	/**
	 * Whether every consumer of the listener is running. A stopped one does not come back by itself, even if the
	 * others have taken over its partitions.
	 */
	public boolean running() {
		return !this.consumers.isEmpty() && !this.consumers.containsValue(false);
	}

	/** Why the broker rejects a consumer, or {@code null}. */
	public String rejection() {
		return this.rejections.values().stream().findFirst().orElse(null);
	}

	/** The partitions owned now, sorted. */
	public Set<String> ownedPartitions() {
		return names(this.owned);
	}

	private static String consumerName(KafkaEvent event) {
		return event.getSource(AbstractMessageListenerContainer.class).getBeanName();
	}

	private static Set<String> names(Collection<TopicPartition> partitions) {
		Set<String> names = new TreeSet<>();
		partitions.forEach((partition) -> names.add(partition.toString()));
		return names;
	}

}
