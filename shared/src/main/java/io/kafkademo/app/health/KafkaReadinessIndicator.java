package io.kafkademo.app.health;

import io.kafkademo.app.health.KafkaClusterProbe.Result;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * Kafka readiness (Spring Boot ships no Kafka health indicator): UP only when the latest cluster check passed with
 * this service's credentials and the listener's consumer runs without being rejected. Part of the readiness group,
 * never of liveness: a Kafka outage must not make Kubernetes restart healthy pods.
 */
@Component("kafka")
public class KafkaReadinessIndicator implements HealthIndicator {

	private final KafkaClusterProbe probe;

	private final ListenerState listener;

	public KafkaReadinessIndicator(KafkaClusterProbe probe, ListenerState listener) {
		this.probe = probe;
		this.listener = listener;
	}

	@Override
	public Health health() {
		Result cluster = this.probe.last();
		boolean ready = cluster.ok() && this.listener.running() && this.listener.rejection() == null;
		Health.Builder health = ready ? Health.up() : Health.down();
		health.withDetail("cluster", cluster.detail());
		health.withDetail("listener", !this.listener.running() ? "not running"
				: (this.listener.rejection() != null) ? this.listener.rejection() : "polling");
		health.withDetail("partitions", this.listener.ownedPartitions());
		return health.build();
	}

}
