package io.kafkademo.app.logging;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.function.BooleanSupplier;

import ch.qos.logback.core.OutputStreamAppender;
import ch.qos.logback.core.joran.spi.ConsoleTarget;

/**
 * Logback's console appender, buffered: lines collect in a 64 KiB buffer that is written to {@code System.out} when it
 * is full or when the appender is idle. Behind {@link ConsoleAsyncAppender}, "idle" means every event handed to its
 * queue has reached this appender, so under load one write carries many lines, and once logging goes quiet no line is
 * left waiting. Used on its own it is idle after every line and behaves like Logback's {@code ConsoleAppender}.
 */
public class BufferedConsoleAppender<E> extends OutputStreamAppender<E> {

	static final int BUFFER_SIZE = 64 * 1024;

	private volatile BooleanSupplier idle = () -> true;

	/**
	 * Events this appender was given, filtered ones included. A plain field: behind the queue only its one worker
	 * thread appends and reads it; on its own the appender never reads it.
	 */
	private long appended;

	public BufferedConsoleAppender() {
		setImmediateFlush(false);
	}

	/** Flush after a line only when {@code idle} says no further line is on its way. */
	void flushWhen(BooleanSupplier idle) {
		this.idle = idle;
	}

	@Override
	public void start() {
		// Logback's System.out stream looks System.out up at every write, so whoever replaces it later (a test's output
		// capture) still gets every line; closing it leaves System.out open.
		setOutputStream(new BufferedOutputStream(ConsoleTarget.SystemOut.getStream(), BUFFER_SIZE));
		super.start();
	}

	/** How many events this appender has been given so far (on the thread that gives them). */
	long appended() {
		return this.appended;
	}

	@Override
	public void doAppend(E event) {
		this.appended++;
		super.doAppend(event);
		// Also after an event the filters rejected: it may be the last one before a quiet period.
		if (this.idle.getAsBoolean()) {
			flush();
		}
	}

	private void flush() {
		this.streamWriteLock.lock();
		try {
			OutputStream out = getOutputStream();
			if (out != null && isStarted()) {
				out.flush();
			}
		}
		catch (IOException ex) {
			addError("Failed to write to the console", ex);
		}
		finally {
			this.streamWriteLock.unlock();
		}
	}

}
