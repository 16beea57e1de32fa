package io.kafkademo.app.logging;

import org.springframework.boot.ansi.AnsiElement;
import org.springframework.boot.ansi.AnsiOutput;
import org.springframework.boot.logging.logback.ColorConverter;

/**
 * Spring Boot's {@code %clr} converter, handing the text back as it is when ANSI output is off. Boot rebuilds every
 * coloured field of every line through {@code AnsiOutput.toString} even then, and without a terminal (every pod) it
 * is always off: a tenth of the log worker's time went to that at a log line per message.
 */
public class PlainTextColorConverter extends ColorConverter {

	@Override
	protected String toAnsiString(String in, AnsiElement element) {
		// encode() is empty exactly when toString() would leave the colour codes out: the same test, no building.
		return AnsiOutput.encode(element).isEmpty() ? in : super.toAnsiString(in, element);
	}

}
