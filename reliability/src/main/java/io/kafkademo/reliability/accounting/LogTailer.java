package io.kafkademo.reliability.accounting;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Feeds a {@link MessageLedger} from log files that are still being written: each {@link #poll()} reads the complete
 * lines appended since the last one, so a suite can check the ledger every second without re-reading whole runs.
 */
public final class LogTailer {

	private final MessageLedger ledger;

	private final Map<Path, Followed> files = new LinkedHashMap<>();

	public LogTailer(MessageLedger ledger) {
		this.ledger = ledger;
	}

	/** Reads {@code file} from now on as {@code replica}'s log (a file that does not exist yet is read once it does). */
	public synchronized void follow(String replica, Path file) {
		this.files.putIfAbsent(file.toAbsolutePath().normalize(), new Followed(replica));
	}

	/** Reads what was appended to every followed file; returns the ledger. */
	public synchronized MessageLedger poll() {
		this.ledger.readingThrough(Instant.now());
		this.files.forEach(this::read);
		return this.ledger;
	}

	private void read(Path file, Followed followed) {
		if (!Files.exists(file)) {
			return;
		}
		try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
			long size = channel.size();
			if (size <= followed.position) {
				return;
			}
			ByteBuffer buffer = ByteBuffer.allocate((int) Math.min(size - followed.position, Integer.MAX_VALUE - 16));
			channel.read(buffer, followed.position);
			byte[] bytes = buffer.array();
			int length = buffer.position();
			int lineStart = 0;
			for (int i = 0; i < length; i++) {
				if (bytes[i] == '\n') {
					// Malformed bytes become U+FFFD: one replica killed mid-line must not stop the accounting.
					this.ledger.accept(followed.replica,
							new String(bytes, lineStart, i - lineStart, StandardCharsets.UTF_8).stripTrailing());
					lineStart = i + 1;
				}
			}
			// A torn last line is read once it is complete.
			followed.position += lineStart;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read " + file, ex);
		}
	}

	private static final class Followed {

		private final String replica;

		private long position;

		Followed(String replica) {
			this.replica = replica;
		}

	}

}
