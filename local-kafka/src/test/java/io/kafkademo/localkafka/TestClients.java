package io.kafkademo.localkafka;

import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Short-timeout Kafka clients for the tests, so that a failure shows up in seconds.
 */
final class TestClients {

	private TestClients() {
	}

	static String unique(String prefix) {
		return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
	}

	static Admin admin(Map<String, Object> properties) {
		Map<String, Object> config = new HashMap<>(properties);
		config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5000);
		config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 5000);
		return Admin.create(config);
	}

	static KafkaProducer<String, String> producer(Map<String, Object> properties) {
		Map<String, Object> config = new HashMap<>(properties);
		config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 5000);
		config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 5000);
		config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 4000);
		config.put(ProducerConfig.LINGER_MS_CONFIG, 0);
		return new KafkaProducer<>(config, new StringSerializer(), new StringSerializer());
	}

	static KafkaConsumer<String, String> consumer(Map<String, Object> properties, String group) {
		Map<String, Object> config = new HashMap<>(properties);
		config.put(ConsumerConfig.GROUP_ID_CONFIG, group);
		config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
		config.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 5000);
		return new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer());
	}

}
