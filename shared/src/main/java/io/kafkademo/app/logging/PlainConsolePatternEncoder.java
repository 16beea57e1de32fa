package io.kafkademo.app.logging;

import ch.qos.logback.classic.encoder.PatternLayoutEncoder;

import org.springframework.boot.ansi.AnsiColor;
import org.springframework.boot.ansi.AnsiOutput;

/**
 * Logback's pattern encoder that, when there are no colours (no terminal: every pod), compiles the console pattern
 * without Spring Boot's {@code %clr(...)} wrappers. Each wrapper is a Logback composite converter, which writes its
 * part of the line into a buffer of its own and hands back a copy; without colours the copy is all it adds. Boot's
 * pattern has six of them: 1.2 kB of garbage per line, a third of all that a consumed and logged record allocated,
 * for the collector to clear at a log line per message (bench/BENCHMARK.md). The line is the same; with colours
 * nothing changes.
 */
public class PlainConsolePatternEncoder extends PatternLayoutEncoder {

	private static final String WRAPPER = "%clr(";

	@Override
	public void start() {
		// Boot sets AnsiOutput up before it configures logging, and decides it once: the same test as Boot's
		// ColorConverter makes, made when the pattern is compiled rather than for every field of every line.
		if (getPattern() != null && AnsiOutput.encode(AnsiColor.DEFAULT).isEmpty()) {
			setPattern(withoutColourWrappers(getPattern()));
		}
		super.start();
	}

	/**
	 * The pattern with each {@code %clr(...)} and its style option replaced by what it wraps. A wrapper with format
	 * modifiers ({@code %-20clr(...)} pads what it wraps) stays, as does a pattern this cannot read: Boot's converter
	 * then writes the same text as before.
	 */
	static String withoutColourWrappers(String pattern) {
		StringBuilder plain = new StringBuilder(pattern.length());
		int i = 0;
		while (i < pattern.length()) {
			if (pattern.startsWith(WRAPPER, i)) {
				int close = closing(pattern, i + WRAPPER.length(), '(', ')');
				if (close < 0) {
					return pattern;
				}
				plain.append(withoutColourWrappers(pattern.substring(i + WRAPPER.length(), close)));
				i = close + 1;
				if (i < pattern.length() && pattern.charAt(i) == '{') {
					int optionEnd = closing(pattern, i + 1, '{', '}');
					if (optionEnd < 0) {
						return pattern;
					}
					i = optionEnd + 1;
				}
				continue;
			}
			char c = pattern.charAt(i);
			plain.append(c);
			// An escaped character is text, never the start of a conversion.
			if (c == '\\' && i + 1 < pattern.length()) {
				plain.append(pattern.charAt(i + 1));
				i++;
			}
			i++;
		}
		return plain.toString();
	}

	/**
	 * Index of the {@code close} that matches the {@code open} just before {@code from}, or -1. Within parentheses an
	 * option in braces is skipped whole, since an option may hold any character (a date format's quoted text).
	 */
	private static int closing(String pattern, int from, char open, char close) {
		int depth = 1;
		for (int i = from; i < pattern.length(); i++) {
			char c = pattern.charAt(i);
			if (c == '\\') {
				i++;
			}
			else if (c == open) {
				depth++;
			}
			else if (c == close) {
				if (--depth == 0) {
					return i;
				}
			}
			else if (c == '{') {
				i = closing(pattern, i + 1, '{', '}');
				if (i < 0) {
					return -1;
				}
			}
		}
		return -1;
	}

}
