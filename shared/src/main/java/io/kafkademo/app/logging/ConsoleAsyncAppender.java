package io.kafkademo.app.logging;

import ch.qos.logback.classic.AsyncAppender;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;

/**
 * Logback's {@link AsyncAppender}, telling a {@link BufferedConsoleAppender} behind it when its queue is empty: the
 * moment to write what the buffer holds.
 */
public class ConsoleAsyncAppender extends AsyncAppender {

	@Override
	public void addAppender(Appender<ILoggingEvent> appender) {
		if (appender instanceof BufferedConsoleAppender<?> console) {
			console.flushWhen(() -> getNumberOfElementsInQueue() == 0);
		}
		super.addAppender(appender);
	}

}
