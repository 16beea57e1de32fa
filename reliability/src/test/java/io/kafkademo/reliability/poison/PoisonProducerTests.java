package io.kafkademo.reliability.poison;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class PoisonProducerTests {

	@Test
	void saysInOneLineThatNodeIsMissing(@TempDir Path dir) {
		PoisonProducer producer = new PoisonProducer(dir, "2.2.4", "no-such-node-binary", "npm");

		assertThat(producer.unavailable()).contains("node is not installed (needed to send poison input with kafkajs)");
		assertThatIllegalStateException()
			.isThrownBy(() -> producer.send("localhost:1", "u", "p", dir.resolve("ca.pem"), "t", 3, 10, "h"))
			.withMessageContaining("node is not installed");
	}

	@Test
	void saysInOneLineThatNpmIsMissingWhenKafkajsIsNotInstalled(@TempDir Path dir) {
		PoisonProducer producer = new PoisonProducer(dir, "2.2.4", "java", "no-such-npm-binary");

		assertThat(producer.unavailable()).contains("npm is not installed (needed to install kafkajs)");
	}

}
