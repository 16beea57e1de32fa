package io.kafkademo.app.startup;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class BrokerConnectionRehearsalTests {

	@Test
	void completesATls13HandshakeAndLeavesNoKeyBehind() throws Exception {
		String session = BrokerConnectionRehearsal.perform();
		assertThat(session).as("the client's session").startsWith("TLSv1.3 TLS_");
		assertThat(rehearsalDirectories()).as("temporary directories left behind").isEmpty();
	}

	private static List<Path> rehearsalDirectories() throws IOException {
		try (Stream<Path> files = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
			return files.filter((path) -> path.getFileName().toString().startsWith("kafka-demo-rehearsal")).toList();
		}
	}

}
