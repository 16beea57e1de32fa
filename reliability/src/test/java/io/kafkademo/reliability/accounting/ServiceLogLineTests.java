package io.kafkademo.reliability.accounting;

import java.time.Instant;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ServiceLogLineTests {

	@Test
	void readsSpringBootTextLines() {
		ServiceLogLine line = ServiceLogLine.parse("2026-11-28T17:58:48.065Z  INFO 15807 --- [kafka-demo-service-b] "
				+ "[ce-b-producer-1] i.kafkademo.app.messaging.PingProducer   : wrote message 0 to bar-topic "
				+ "(partition: 2, offset: 8)").orElseThrow();
		assertThat(line.time()).isEqualTo(Instant.parse("2026-11-28T17:58:48.065Z"));
		assertThat(line.pid()).isEqualTo(15807);
		assertThat(line.level()).isEqualTo("INFO");
		assertThat(line.message()).isEqualTo("wrote message 0 to bar-topic (partition: 2, offset: 8)");
	}

	@Test
	void readsTextLinesWithAnOffsetAndAMessageContainingTheSeparator() {
		ServiceLogLine line = ServiceLogLine.parse("2026-11-28T18:58:48.065+01:00 ERROR 7 --- [app] [main] "
				+ "i.k.a.m.DeadLetterRecoverer : could not process record foo-topic-1@2 (x : y) nor publish it")
			.orElseThrow();
		assertThat(line.time()).isEqualTo(Instant.parse("2026-11-28T17:58:48.065Z"));
		assertThat(line.level()).isEqualTo("ERROR");
		assertThat(line.message()).isEqualTo("could not process record foo-topic-1@2 (x : y) nor publish it");
	}

	@Test
	void readsNestedEcsJsonLines() {
		ServiceLogLine line = ServiceLogLine.parse("{\"@timestamp\":\"2026-11-28T17:58:48.065Z\",\"log\":{\"level\":"
				+ "\"WARN\",\"logger\":\"io.kafkademo.app.messaging.PingProducer\"},\"process\":{\"pid\":42,\"thread\":"
				+ "{\"name\":\"ping-producer\"}},\"service\":{\"name\":\"kafka-demo-service-a\"},\"message\":"
				+ "\"failed to send message 5 to foo-topic: TimeoutException\",\"ecs\":{\"version\":\"8.11\"}}")
			.orElseThrow();
		assertThat(line.pid()).isEqualTo(42);
		assertThat(line.level()).isEqualTo("WARN");
		assertThat(line.message()).startsWith("failed to send message 5");
	}

	@Test
	void readsFlatEcsJsonLines() {
		ServiceLogLine line = ServiceLogLine.parse("{\"@timestamp\":\"2026-11-28T17:58:48.065Z\",\"log.level\":\"INFO\","
				+ "\"process.pid\":43,\"message\":\"a-1 received message: This is message 1 from host b-2\"}")
			.orElseThrow();
		assertThat(line.pid()).isEqualTo(43);
		assertThat(line.level()).isEqualTo("INFO");
	}

	@Test
	void ignoresStackTracesAndBrokenJson() {
		assertThat(ServiceLogLine.parse("\tat org.apache.kafka.clients.Foo.bar(Foo.java:1)")).isEmpty();
		assertThat(ServiceLogLine.parse("{\"@timestamp\":\"2026-11-28T17:5")).isEmpty();
		assertThat(ServiceLogLine.parse("")).isEmpty();
	}

}
