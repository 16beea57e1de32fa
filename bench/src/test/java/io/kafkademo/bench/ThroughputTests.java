package io.kafkademo.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ThroughputTests {

	/** The module's working directory under Surefire is bench/. */
	private static final Path SHARED_CONFIGURATION = Path.of("..", "shared", "src", "main", "resources",
			"kafka-demo-app.yaml");

	@Test
	void toolIsComparedWithTheCompressionTheServicesShip() throws IOException {
		Matcher compression = Pattern.compile("(?m)^    producer:\n(?:      .*\n)*?      compression-type: (\\S+)$")
			.matcher(Files.readString(SHARED_CONFIGURATION));
		assertThat(compression.find()).as("spring.kafka.producer.compression-type in %s", SHARED_CONFIGURATION)
			.isTrue();
		assertThat(compression.group(1)).isEqualTo(Throughput.SHIPPED_COMPRESSION);
	}

}
