package io.kafkademo.app.logging;

import ch.qos.logback.classic.spi.ILoggingEvent;

import org.springframework.boot.ansi.AnsiColor;
import org.springframework.boot.ansi.AnsiOutput;
import org.springframework.boot.logging.logback.ColorConverter;

/**
 * Spring Boot's {@code %clr} converter, handing the text back as it is when ANSI output is off. Even then Boot looks
 * the field's colour up in a map and rebuilds the text through {@code AnsiOutput.toString}, for each of the seven
 * coloured fields of every line; without a terminal (every pod) it is always off. At a log line per message the
 * rebuilding was a tenth of the log worker's time, and the look-ups another tenth.
 */
public class PlainTextColorConverter extends ColorConverter {

	@Override
	protected String transform(ILoggingEvent event, String in) {
		// encode() is empty exactly when AnsiOutput leaves the colour codes out, whatever the colour: the same test.
		return AnsiOutput.encode(AnsiColor.DEFAULT).isEmpty() ? in : super.transform(event, in);
	}

}
