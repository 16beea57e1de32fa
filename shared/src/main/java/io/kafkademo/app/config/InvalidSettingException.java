package io.kafkademo.app.config;

/** A setting from the environment that is missing or malformed; the message names the variable and never a secret. */
public class InvalidSettingException extends IllegalArgumentException {

	private final String variable;

	public InvalidSettingException(String variable, String problem) {
		super(variable + ": " + problem);
		this.variable = variable;
	}

	public String variable() {
		return this.variable;
	}

}
