package io.kafkademo.prometheus;

/**
 * Values of the dashboard's template variables, interpolated into a query as Grafana does: a regex for the {@code =~}
 * filters ({@code .*} is the "All" value), and Grafana's own interval variables.
 */
record GrafanaVariables(String namespace, String application, String pod) {

	/** "All" selected everywhere. */
	static final GrafanaVariables ALL = new GrafanaVariables(".*", ".*", ".*");

	/** Grafana's $__rate_interval is at least four scrape intervals; with the tests' 1 s scrapes, 15 s is plenty. */
	private static final String RATE_INTERVAL = "15s";

	private static final String INTERVAL = "5s";

	String interpolate(String expr) {
		return expr.replace("$__rate_interval", RATE_INTERVAL)
			.replace("$__interval", INTERVAL)
			.replace("$namespace", this.namespace)
			.replace("$application", this.application)
			.replace("$pod", this.pod);
	}

}
