package io.kafkademo.reliability.accounting;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

import io.kafkademo.reliability.accounting.ServiceEvent.Acked;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class LogTailerTests {

	private static final String PREFIX = "2026-11-28T17:58:48.065Z  INFO 100 --- [app] [thread] logger : ";

	@Test
	void readsOnlyCompleteLinesAndEachLineOnce(@TempDir Path dir) throws Exception {
		Path log = dir.resolve("a-1.log");
		LogTailer tailer = new LogTailer(new MessageLedger());
		tailer.follow("a-1", log);
		assertThat(tailer.poll().events(Acked.class)).isEmpty();

		append(log, PREFIX + "wrote message 0 to foo-topic (partition: 0, offset: 0)\n" + PREFIX + "wrote message 1 to");
		assertThat(tailer.poll().events(Acked.class)).extracting(Acked::sequence).containsExactly(0L);

		append(log, " foo-topic (partition: 1, offset: 0)\n");
		assertThat(tailer.poll().events(Acked.class)).extracting(Acked::sequence).containsExactly(0L, 1L);
		assertThat(tailer.poll().events(Acked.class)).hasSize(2);
	}

	private static void append(Path file, String text) throws Exception {
		Files.writeString(file, text, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
	}

}
