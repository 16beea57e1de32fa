package io.kafkademo.app.config;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalysisReporter;

/**
 * Reports an analysed start-up failure as one log line, so {@code kubectl logs} of a crash-looping pod shows the cause
 * at a glance. Boot's multi-line banner reporter is switched off in {@code kafka-demo-app.yaml}.
 */
class OneLineFailureReporter implements FailureAnalysisReporter {

	private static final Log logger = LogFactory.getLog(OneLineFailureReporter.class);

	@Override
	public void report(FailureAnalysis analysis) {
		String description = analysis.getDescription().strip().replaceAll("\\s*\\R\\s*", " ");
		logger.error("Start-up failed: " + description);
	}

}
