package io.kafkademo.app.logging;

import java.util.concurrent.atomic.AtomicLong;

import ch.qos.logback.classic.AsyncAppender;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;

/**
 * Logback's {@link AsyncAppender}, telling a {@link BufferedConsoleAppender} behind it when no further event is on its
 * way: the moment to write what the buffer holds.
 * <p>
 * An empty queue alone does not say that: Logback's worker drains the whole queue into a list before it appends, so
 * the queue is empty while most of that list is still to come, and a console flushing on an empty queue wrote a few
 * lines per call under load. Counting the events handed to the queue does say it, as long as the queue drops none
 * ({@code discardingThreshold} 0 and {@code neverBlock} false, as shipped); with settings that may drop events, an
 * empty queue remains the signal, so that no line is left waiting for one that never comes.
 */
public class ConsoleAsyncAppender extends AsyncAppender {

	private final AtomicLong handedOver = new AtomicLong();

	private volatile boolean dropsNothing;

	@Override
	public void start() {
		// Before super.start(): an unset discardingThreshold (-1) becomes a fifth of the queue there.
		this.dropsNothing = getDiscardingThreshold() == 0 && !isNeverBlock();
		super.start();
	}

	@Override
	protected void append(ILoggingEvent event) {
		// Counted before the queue holds it, so the console never thinks it has caught up while this one is on its way.
		this.handedOver.incrementAndGet();
		super.append(event);
	}

	@Override
	public void addAppender(Appender<ILoggingEvent> appender) {
		if (appender instanceof BufferedConsoleAppender<?> console) {
			console.flushWhen(() -> this.dropsNothing ? console.appended() == this.handedOver.get()
					: getNumberOfElementsInQueue() == 0);
		}
		super.addAppender(appender);
	}

}
