package io.kafkademo.app.messaging;

import java.util.HashMap;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.CooperativeStickyAssignor;

import org.springframework.boot.kafka.autoconfigure.DefaultKafkaConsumerFactoryCustomizer;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.stereotype.Component;

/**
 * Group membership settings: cooperative incremental rebalancing on the classic protocol, so survivors keep their
 * partitions while a replica leaves, and optional static membership keyed on the pod name, so a restarted pod gets its
 * partitions back without a rebalance.
 */
@Component
class ConsumerGroupSettings implements DefaultKafkaConsumerFactoryCustomizer {

	private final MessagingProperties properties;

	ConsumerGroupSettings(MessagingProperties properties) {
		this.properties = properties;
	}

	@Override
	public void customize(DefaultKafkaConsumerFactory<?, ?> factory) {
		Map<String, Object> configs = new HashMap<>();
		if (this.properties.groupProtocol() == MessagingProperties.GroupProtocol.CONSUMER) {
			// KIP-848: the broker assigns partitions; client-side assignors do not apply.
			configs.put(ConsumerConfig.GROUP_PROTOCOL_CONFIG, "consumer");
		}
		else {
			configs.put(ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG,
					CooperativeStickyAssignor.class.getName());
		}
		if (this.properties.staticMembership()) {
			configs.put(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG, this.properties.host());
		}
		factory.updateConfigs(configs);
	}

}
