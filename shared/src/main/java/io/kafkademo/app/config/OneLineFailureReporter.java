package io.kafkademo.app.config;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalysisReporter;

/**
 * Reports an analysed start-up failure as one log line, so {@code kubectl logs} of a crash-looping pod shows the cause
 * at a glance. Boot's multi-line banner reporter is switched off in {@code kafka-demo-app.yaml}.
 */
class OneLineFailureReporter implements FailureAnalysisReporter {

	private static final Logger logger = LoggerFactory.getLogger(OneLineFailureReporter.class);

	@Override
	public void report(FailureAnalysis analysis) {
		String description = analysis.getDescription().strip().replaceAll("\\s*\\R\\s*", " ");
		logger.error("Start-up failed: {}", description);
	}

}
