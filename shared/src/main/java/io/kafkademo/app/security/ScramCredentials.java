package io.kafkademo.app.security;

/** A SCRAM username and password; {@link #toString()} never shows the password. */
public record ScramCredentials(String username, String password) {

	@Override
	public String toString() {
		return "ScramCredentials[username=" + this.username + ", password=******]";
	}

}
