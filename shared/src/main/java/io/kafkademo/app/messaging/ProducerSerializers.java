package io.kafkademo.app.messaging;

import java.util.LinkedHashMap;
import java.util.Map;

import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringSerializer;

import org.springframework.boot.kafka.autoconfigure.DefaultKafkaProducerFactoryCustomizer;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.support.serializer.DelegatingByTypeSerializer;
import org.springframework.stereotype.Component;

/**
 * One producer serves both the ping loop (String keys and values) and dead-lettering, which must republish the
 * original bytes of a record that could not be decoded: serialise by type.
 */
@Component
class ProducerSerializers implements DefaultKafkaProducerFactoryCustomizer {

	@Override
	@SuppressWarnings({ "unchecked", "rawtypes" })
	public void customize(DefaultKafkaProducerFactory<?, ?> factory) {
		DefaultKafkaProducerFactory raw = factory;
		raw.setKeySerializer(byType());
		raw.setValueSerializer(byType());
	}

	private static Serializer<Object> byType() {
		Map<Class<?>, Serializer<?>> delegates = new LinkedHashMap<>();
		delegates.put(String.class, new StringSerializer());
		delegates.put(byte[].class, new ByteArraySerializer());
		return new DelegatingByTypeSerializer(delegates);
	}

}
