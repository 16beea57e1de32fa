package io.kafkademo.localkafka;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The last lines of a log file that may be large, for error messages.
 */
final class LogTail {

	private static final int MAX_BYTES = 64 * 1024;

	private static final int MAX_SCAN_BYTES = 4 * 1024 * 1024;

	private LogTail() {
	}

	/**
	 * The first line at or after byte {@code offset} that reports an error (a log4j ERROR or FATAL line, or a JVM
	 * start-up error), if any: the cause is often further up than the last lines.
	 */
	static Optional<String> firstError(Path file, long offset) {
		try (SeekableByteChannel channel = Files.newByteChannel(file)) {
			long size = channel.size();
			if (offset >= size) {
				return Optional.empty();
			}
			ByteBuffer buffer = ByteBuffer.allocate((int) Math.min(size - offset, MAX_SCAN_BYTES));
			channel.position(offset);
			while (buffer.hasRemaining() && channel.read(buffer) >= 0) {
				// keep reading until full
			}
			return new String(buffer.array(), 0, buffer.position(), StandardCharsets.UTF_8).lines()
				.filter((line) -> line.contains("] ERROR ") || line.contains("] FATAL ") || line.startsWith("Error")
						|| line.startsWith("Exception in thread"))
				.findFirst();
		}
		catch (IOException ex) {
			return Optional.empty();
		}
	}

	/** The last {@code lines} lines of {@code file}, or a note saying why there are none. */
	static String of(Path file, int lines) {
		if (!Files.exists(file)) {
			return "(no log file " + file + ")";
		}
		try (SeekableByteChannel channel = Files.newByteChannel(file)) {
			long size = channel.size();
			int length = (int) Math.min(size, MAX_BYTES);
			ByteBuffer buffer = ByteBuffer.allocate(length);
			channel.position(size - length);
			while (buffer.hasRemaining() && channel.read(buffer) >= 0) {
				// keep reading until full
			}
			List<String> all = Arrays.asList(new String(buffer.array(), 0, buffer.position(), StandardCharsets.UTF_8)
				.split("\\R"));
			return String.join(System.lineSeparator(), all.subList(Math.max(0, all.size() - lines), all.size()));
		}
		catch (IOException ex) {
			return "(cannot read " + file + ": " + ex.getMessage() + ")";
		}
	}

}
